/**
 * Forms in Slack: a message cannot hold inputs, so a form is a button whose value carries the
 * form; clicking it opens a modal, and submitting the modal sends the form's submit action
 * with the typed values (`ActionRef.inputs`) back to the core.
 */
import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { ActionRef, Form } from '../../../core/cards/card.js';

export const FORM_OPEN_ACTION = 'form.open';
export const LINK_ACTION = 'link';
export const FORM_CALLBACK_ID = 'form.submit';

const MODAL = { title: 24, submit: 24, placeholder: 150, label: 2000, maxLength: 3000, metadata: 3000, optionText: 75, optionValue: 150, options: 100 } as const;

const actionSchema = z.strictObject({ id: z.string().min(1).max(100), value: z.string().max(1500) });
const packedSchema = z.strictObject({
  t: z.string().max(200),
  c: z.string().max(200),
  s: z.strictObject({ l: z.string().max(200), a: actionSchema }),
  i: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[\w.-]{1,50}$/),
        l: z.string().max(500),
        k: z.enum(['text', 'number', 'date', 'time', 'user', 'users', 'choice']).optional(),
        p: z.string().max(500).optional(),
        m: z.boolean().optional(),
        x: z.number().int().positive().optional(),
        o: z.boolean().optional(),
        v: z.string().max(500).optional(),
        // a choice's options: [value, label]
        q: z.array(z.tuple([z.string().min(1).max(MODAL.optionValue), z.string().max(200)])).max(MODAL.options).optional(),
      }),
    )
    .min(1)
    .max(8),
});
type Packed = z.infer<typeof packedSchema>;

export function packForm(form: Form): Packed {
  return {
    t: form.title,
    c: form.cancel,
    s: { l: form.submit.label, a: { id: form.submit.action.id, value: form.submit.action.value } },
    i: form.inputs.map((i) => ({
      id: i.id,
      l: i.label,
      ...(i.kind && i.kind !== 'text' ? { k: i.kind } : {}),
      ...(i.placeholder ? { p: i.placeholder } : {}),
      ...(i.multiline ? { m: true } : {}),
      ...(i.maxLength ? { x: i.maxLength } : {}),
      ...(i.optional ? { o: true } : {}),
      ...(i.initial ? { v: i.initial } : {}),
      // Slack offers at most 100 options
      ...(i.kind === 'choice' ? { q: (i.options ?? []).slice(0, MODAL.options).map((o): [string, string] => [o.value, o.label]) } : {}),
    })),
  };
}

/** The form a button carried, or null when the value was not one of ours. */
export function unpackForm(value: string): Packed | null {
  try {
    const parsed = packedSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: cut(text.trim() || '…', max), emoji: true });

/** Where the form came from: the message to update once it is submitted (none: post anew). */
export interface FormOrigin {
  channelId: string;
  messageId?: string;
}
const metadataSchema = z.strictObject({ a: actionSchema, c: z.string().max(100), m: z.string().max(100).optional() });

type PackedInput = Packed['i'][number];

/** The Block Kit element of one input kind. */
function inputElement(i: PackedInput): types.InputBlock['element'] {
  const placeholder = i.p ? { placeholder: plain(i.p, MODAL.placeholder) } : {};
  switch (i.k) {
    case 'number':
      return { type: 'number_input', action_id: i.id, is_decimal_allowed: false, ...placeholder };
    case 'date':
      return { type: 'datepicker', action_id: i.id, ...placeholder, ...(i.v && /^\d{4}-\d{2}-\d{2}$/.test(i.v) ? { initial_date: i.v } : {}) };
    case 'time':
      return { type: 'timepicker', action_id: i.id, ...placeholder };
    case 'user':
      return { type: 'users_select', action_id: i.id, ...placeholder };
    case 'users':
      return { type: 'multi_users_select', action_id: i.id, ...placeholder };
    case 'choice': {
      const options = (i.q ?? []).map(([value, label]) => ({ text: plain(label, MODAL.optionText), value }));
      const initial = options.find((o) => o.value === i.v);
      return { type: 'static_select', action_id: i.id, options, ...placeholder, ...(initial ? { initial_option: initial } : {}) };
    }
    default:
      return { type: 'plain_text_input', action_id: i.id, multiline: i.m ?? false, ...placeholder, ...(i.x ? { max_length: Math.min(i.x, MODAL.maxLength) } : {}), ...(i.v ? { initial_value: i.v } : {}) };
  }
}

export const blockIdOf = (inputId: string) => `in:${inputId}`;

export function formModal(form: Packed, origin: FormOrigin): types.ModalView {
  const metadata = JSON.stringify({ a: form.s.a, c: origin.channelId, ...(origin.messageId ? { m: origin.messageId } : {}) });
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    title: plain(form.t, MODAL.title),
    submit: plain(form.s.l, MODAL.submit),
    close: plain(form.c, MODAL.submit),
    private_metadata: metadata.length <= MODAL.metadata ? metadata : '',
    blocks: form.i.map((i) => ({ type: 'input', block_id: blockIdOf(i.id), label: plain(i.l, MODAL.label), optional: i.o ?? false, element: inputElement(i) })),
  };
}

/** The submitted modal: the action to run, the message it belongs to and the typed values. */
interface StateValue {
  value?: unknown;
  selected_date?: unknown;
  selected_time?: unknown;
  selected_user?: unknown;
  selected_users?: unknown;
  selected_option?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The typed value of one input; anything not of Slack's shapes counts as empty. */
function inputText(v: StateValue): string {
  const users = Array.isArray(v.selected_users) ? v.selected_users.filter((u): u is string => typeof u === 'string').join(',') : '';
  const option = isObject(v.selected_option) ? text(v.selected_option['value']) : undefined;
  return text(v.value) ?? text(v.selected_date) ?? text(v.selected_time) ?? text(v.selected_user) ?? option ?? users;
}

export function readSubmission(view: { private_metadata?: string; state?: { values?: Record<string, Record<string, StateValue>> } }):
  | { action: ActionRef; origin: FormOrigin }
  | null {
  let meta: z.infer<typeof metadataSchema>;
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(view.private_metadata ?? ''));
    if (!parsed.success) return null;
    meta = parsed.data;
  } catch {
    return null;
  }
  const inputs: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(view.state?.values ?? {})) {
    if (!blockId.startsWith('in:') || !isObject(actions)) continue;
    for (const [actionId, v] of Object.entries(actions)) if (isObject(v)) inputs[actionId] = inputText(v);
  }
  return { action: { id: meta.a.id, value: meta.a.value, inputs }, origin: { channelId: meta.c, ...(meta.m ? { messageId: meta.m } : {}) } };
}
