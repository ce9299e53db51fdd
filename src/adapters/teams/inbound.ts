import express, { type RequestHandler } from 'express';
import { z } from 'zod';
import type { BotEvent } from '../../core/chat/types.js';
import { t, toLocale } from '../../core/i18n/index.js';
import { MAX_DEPTH, nestsDeeperThan } from '../../core/ingest/depth.js';
import { lookup } from '../../core/lookup.js';
import type { Logger } from '../../infra/observability/logger.js';

export interface MentionEntity {
  type: string;
  text?: string;
  mentioned?: { id: string; name?: string };
}

/** command words (en and pt-BR) → the core's command */
const COMMANDS: Record<string, string> = { kpi: 'kpi', survey: 'survey', pesquisa: 'survey', meeting: 'meeting', reunião: 'meeting', reuniao: 'meeting', actions: 'actions', ações: 'actions', acoes: 'actions', report: 'report', relatório: 'report', relatorio: 'report' };

/**
 * Message text → command: "kpi semana", "survey send csat @Ana". The bot's own mention is
 * removed; other people's mentions become `<@id>` so the core sees who was meant.
 */
export function messageToCommand(text: string, entities: MentionEntity[] | undefined, botId: string | undefined): Extract<BotEvent, { kind: 'command' }> {
  let clean = text;
  for (const m of entities ?? []) {
    if (m.type !== 'mention' || !m.mentioned) continue;
    const tag = m.text ?? `<at>${m.mentioned.name ?? ''}</at>`;
    clean = clean.replace(tag, m.mentioned.id === botId ? ' ' : ` <@${m.mentioned.id}> `);
  }
  const [first = '', ...rest] = clean.trim().split(/\s+/);
  const word = first.toLowerCase().replace(/^\//, '');
  const command = lookup(COMMANDS, word);
  if (!command) return { kind: 'command', command: 'help', text: '' };
  return { kind: 'command', command, text: rest.join(' ') };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * An Action.Execute invoke: its verb and value, the inputs of the card (every other string of
 * `data`) and the message it came from.
 */
export function invokeToAction(value: unknown, replyToId: string | undefined): Extract<BotEvent, { kind: 'action' }> {
  const action = isObject(value) && isObject(value['action']) ? value['action'] : undefined;
  const data = isObject(action?.['data']) ? action['data'] : {};
  const inputs: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) if (k !== 'value' && typeof v === 'string') inputs[k] = v;
  return {
    kind: 'action',
    action: { id: typeof action?.['verb'] === 'string' ? action['verb'] : '', value: typeof data['value'] === 'string' ? data['value'] : '', ...(Object.keys(inputs).length ? { inputs } : {}) },
    ...(replyToId ? { messageId: replyToId } : {}),
  };
}

const id = z.string().min(1).max(1000);
const text = z.string().max(100_000);
/** The fields the SDK and the bot read, with the types they assume; anything else passes as it is. */
const activityShape = z.looseObject({
  type: z.string().min(1).max(100),
  from: z.looseObject({ id, aadObjectId: id.nullish(), name: text.nullish() }),
  conversation: z.looseObject({ id, tenantId: id.nullish() }),
  recipient: z.looseObject({ id, name: text.nullish() }).nullish(),
  channelData: z.looseObject({ tenant: z.looseObject({ id: id.nullish() }).nullish() }).nullish(),
  // replies go there: the SDK fails without it
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2000),
  text: text.nullish(),
  locale: z.string().max(100).nullish(),
  replyToId: id.nullish(),
  entities: z.array(z.looseObject({ type: z.string(), text: text.nullish(), mentioned: z.looseObject({ id, name: text.nullish() }).nullish() })).nullish(),
});

/** Absent or null both mean "not given" (Teams sends either). */
const optional = <T extends z.ZodType>(s: T) => s.nullish().transform((v) => v ?? undefined);

/** The fields of an activity the handlers read, typed; the conversation is kept whole (it is stored). */
const inboundActivity = z.object({
  type: z.string().optional(),
  from: z.object({ id: z.string(), aadObjectId: optional(z.string()), name: optional(z.string()) }),
  conversation: z.looseObject({ id: z.string(), tenantId: optional(z.string()) }),
  recipient: optional(z.object({ id: z.string(), name: optional(z.string()) })),
  channelData: optional(z.object({ tenant: optional(z.object({ id: optional(z.string()) })) })),
  serviceUrl: optional(z.string()),
  text: optional(z.string()),
  locale: optional(z.string()),
  replyToId: optional(z.string()),
  entities: optional(z.array(z.object({ type: z.string(), text: optional(z.string()), mentioned: optional(z.object({ id: z.string(), name: optional(z.string()) })) }))),
  membersAdded: optional(z.array(z.object({ id: z.string() }))),
  value: z.unknown().optional(),
});
export type InboundActivity = z.infer<typeof inboundActivity>;

/** The activity the SDK hands a route, read into the fields the bot uses; null when it lacks them. */
export function readActivity(raw: unknown): InboundActivity | null {
  const parsed = inboundActivity.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * Mounted on /api/messages before the Teams SDK: reads the activity (the SDK's own parser then
 * finds it read, same 100 kB limit) and refuses with a localized 400 one nested more than
 * MAX_DEPTH levels (JSON button values included) or whose fields are not of the types the SDK
 * and the bot read, before either walks or stores it.
 */
export function refuseMalformedActivities(log: Logger): RequestHandler[] {
  return [
    express.json({ limit: '100kb' }),
    (req, res, next) => {
      const body = req.body as { type?: unknown; locale?: unknown };
      const locale = toLocale(typeof body?.locale === 'string' ? body.locale : req.get('accept-language'), 'en');
      const refuse = (reason: string, message: string) => {
        log.warn({ reason, type: typeof body?.type === 'string' ? body.type.slice(0, 40) : undefined }, 'teams: activity refused');
        res.status(400).json({ error: { code: 'validation', message } });
      };
      if (nestsDeeperThan(req.body, MAX_DEPTH, { embeddedJson: true })) return refuse('too_deep', t(locale, 'error.too_deep', { max: MAX_DEPTH }));
      const shape = activityShape.safeParse(req.body);
      if (!shape.success) return refuse('shape', t(locale, 'error.bad_activity', { field: shape.error.issues[0]?.path.join('.') || 'body' }));
      next();
    },
  ];
}
