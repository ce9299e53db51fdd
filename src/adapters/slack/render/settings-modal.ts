/**
 * The settings form (core/settings/form.ts) as a Block Kit modal, its submitted state read back
 * into values by field id, and the App Home section that opens it.
 */
import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { FormValues, SettingsField, SettingsFormView, SettingsSummary } from '../../../core/settings/index.js';
import { escapeMrkdwn } from './block-kit.js';

type KnownBlock = types.KnownBlock;

export const SETTINGS_CALLBACK_ID = 'settings.save';
/** the App Home button (not of the `id:index` form of card buttons) */
export const SETTINGS_OPEN_ACTION = 'settings.open';

const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
const plain = (text: string, max = 150) => ({ type: 'plain_text' as const, text: cut(text.trim() || '…', max), emoji: true });
const option = (o: { value: string; label: string }) => ({ text: plain(o.label, 75), value: o.value });

export const settingsBlockId = (fieldId: string) => `set:${fieldId}`;

function element(f: SettingsField): types.InputBlock['element'] {
  const first = f.initial[0];
  switch (f.kind) {
    case 'select': {
      const options = (f.options ?? []).slice(0, 100).map(option);
      const initial = options.find((o) => o.value === first);
      return { type: 'static_select', action_id: f.id, options, ...(initial ? { initial_option: initial } : {}) };
    }
    case 'checkboxes': {
      const options = (f.options ?? []).slice(0, 10).map(option);
      const initial = options.filter((o) => f.initial.includes(o.value));
      return { type: 'checkboxes', action_id: f.id, options, ...(initial.length ? { initial_options: initial } : {}) };
    }
    case 'number':
      return { type: 'number_input', action_id: f.id, is_decimal_allowed: false, min_value: '1', ...(first ? { initial_value: first } : {}) };
    case 'time':
      return { type: 'timepicker', action_id: f.id, ...(first && /^\d\d:\d\d$/.test(first) ? { initial_time: first } : {}) };
    case 'users':
      return { type: 'multi_users_select', action_id: f.id, ...(f.initial.length ? { initial_users: f.initial } : {}) };
    case 'text':
    case 'multiline':
      return { type: 'plain_text_input', action_id: f.id, multiline: f.kind === 'multiline', ...(f.maxLength ? { max_length: f.maxLength } : {}), ...(first ? { initial_value: cut(first, 3000) } : {}) };
  }
}

const inputBlock = (f: SettingsField): KnownBlock => ({
  type: 'input',
  block_id: settingsBlockId(f.id),
  label: plain(f.label, 2000),
  optional: f.optional,
  element: element(f),
  ...(f.hint ? { hint: plain(f.hint, 2000) } : {}),
});

/** The modal; `channelId` (where /settings was typed) receives the confirmation. */
export function settingsModal(view: SettingsFormView, channelId: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: SETTINGS_CALLBACK_ID,
    title: plain(view.title, 24),
    submit: plain(view.submit, 24),
    close: plain(view.cancel, 24),
    private_metadata: JSON.stringify({ c: channelId }),
    blocks: view.sections.flatMap((s) => [{ type: 'header', text: plain(s.title) } as KnownBlock, ...s.fields.map(inputBlock)]),
  };
}

const stateValue = z.looseObject({
  value: z.string().nullish(),
  selected_time: z.string().nullish(),
  selected_option: z.looseObject({ value: z.string() }).nullish(),
  selected_options: z.array(z.looseObject({ value: z.string() })).nullish(),
  selected_users: z.array(z.string()).nullish(),
});

/** The values of a submitted settings modal by field id; anything not of Slack's shapes counts as empty. */
export function readSettingsState(values: unknown): FormValues {
  const out: FormValues = {};
  if (values === null || typeof values !== 'object') return out;
  for (const [blockId, actions] of Object.entries(values as Record<string, unknown>)) {
    if (!blockId.startsWith('set:') || actions === null || typeof actions !== 'object') continue;
    for (const [id, raw] of Object.entries(actions as Record<string, unknown>)) {
      const v = stateValue.safeParse(raw);
      if (!v.success) continue;
      const d = v.data;
      out[id] = d.selected_options ? d.selected_options.map((o) => o.value) : d.selected_users ? d.selected_users : (d.selected_option?.value ?? d.selected_time ?? d.value ?? '');
    }
  }
  return out;
}

/** Where the modal was opened from, as it carried it. */
export function settingsOrigin(privateMetadata: string | undefined): string | undefined {
  try {
    const c = (JSON.parse(privateMetadata ?? '') as { c?: unknown }).c;
    return typeof c === 'string' && /^[A-Z0-9]{2,30}$/.test(c) ? c : undefined;
  } catch {
    return undefined;
  }
}

/** The App Home section of admins: the settings in a few lines and the button opening the modal. */
export function settingsHomeBlocks(summary: SettingsSummary): KnownBlock[] {
  return [
    { type: 'divider' },
    { type: 'header', text: plain(summary.title) },
    { type: 'section', text: { type: 'mrkdwn', text: cut(summary.lines.map(escapeMrkdwn).join('\n'), 3000) } },
    { type: 'actions', elements: [{ type: 'button', action_id: SETTINGS_OPEN_ACTION, text: plain(summary.open, 75), value: 'open', style: 'primary' }] },
  ];
}
