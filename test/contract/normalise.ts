/**
 * One shape for what every chat adapter shows: Block Kit (Slack), Adaptive Cards (Teams) and the
 * neutral BotReply the console prints all become plain text lines and action ids, so a single
 * assertion serves every platform.
 */
import type { BotReply } from '../../src/core/chat/types.js';
import type { Card } from '../../src/core/cards/card.js';

export interface ChatAction {
  /** the ActionRef id (Slack's `:n` suffix removed; Teams' verb) */
  id: string;
  value: string;
  label: string;
  /** link buttons */
  url?: string;
}

export type MsgKind =
  /** the bot's direct answer, visible in the conversation */
  | 'answer'
  /** shown only to the person who acted (Slack ephemeral, Teams invoke message, console notice) */
  | 'ephemeral'
  /** a message the bot posted through the platform API */
  | 'post'
  /** a message replaced in place */
  | 'update'
  /** a file uploaded beside a message (Slack files.uploadV2) */
  | 'file';

export interface ChatMsg {
  kind: MsgKind;
  /** the conversation, when the platform call names it */
  conversation?: string;
  /** the platform's message id (Slack ts, Teams activity id) */
  id?: string;
  title: string;
  lines: string[];
  actions: ChatAction[];
  /** the platform payload, for drivers that must send it back (Slack clicks carry the message) */
  raw?: unknown;
}

const unescapeMrkdwn = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
/** `*bold*` and `_italic_` as plain text, one entry per line, blank lines dropped */
const toLines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((l) => unescapeMrkdwn(l.replace(/\*([^*\n]+)\*/g, '$1').replace(/(^|\s)_([^_\n]+)_(?=\s|$)/g, '$1$2')).replace(/\u00a0/g, ' ').trim())
    .filter((l) => l !== '');

// ── Slack Block Kit ────────────────────────────────────────────────────────────────────────────
type SlackText = { text?: string } | string | undefined;
interface SlackElement { type: string; text?: SlackText; action_id?: string; value?: string; url?: string }
interface SlackBlock { type: string; text?: { text?: string }; fields?: { text: string }[]; elements?: SlackElement[] }

const slackText = (t: SlackText) => (typeof t === 'string' ? t : (t?.text ?? ''));

export function fromBlockKit(kind: MsgKind, message: { text?: string; blocks?: unknown }, meta: { conversation?: string; id?: string } = {}): ChatMsg {
  const blocks = (Array.isArray(message.blocks) ? message.blocks : []) as SlackBlock[];
  const lines: string[] = [];
  const actions: ChatAction[] = [];
  for (const b of blocks) {
    if (b.type === 'actions') {
      for (const e of b.elements ?? []) {
        if (e.type !== 'button') continue;
        actions.push({ id: (e.action_id ?? '').replace(/:\d+$/, ''), value: e.value ?? '', label: slackText(e.text), ...(e.url ? { url: e.url } : {}) });
      }
      continue;
    }
    lines.push(...toLines(b.text?.text));
    for (const f of b.fields ?? []) lines.push(...toLines(f.text));
    if (b.type === 'context') for (const e of b.elements ?? []) lines.push(...toLines(slackText(e.text)));
  }
  const header = blocks.find((b) => b.type === 'header');
  const title = header ? slackText(header.text) : (toLines(message.text)[0] ?? '');
  return { kind, ...meta, title, lines: lines.length ? lines : toLines(message.text), actions };
}

// ── Teams Adaptive Cards ───────────────────────────────────────────────────────────────────────
interface AdaptiveNode { type?: string; text?: string; items?: AdaptiveNode[]; columns?: AdaptiveNode[]; actions?: AdaptiveNode[]; title?: string; verb?: string; data?: { value?: string }; url?: string }

function walkAdaptive(nodes: AdaptiveNode[], lines: string[], actions: ChatAction[]): void {
  for (const n of nodes) {
    if (n.type === 'TextBlock') lines.push(...toLines(n.text));
    if (n.items) walkAdaptive(n.items, lines, actions);
    if (n.columns) walkAdaptive(n.columns, lines, actions);
    for (const a of n.actions ?? []) {
      if (a.type === 'Action.Execute') actions.push({ id: a.verb ?? '', value: a.data?.value ?? '', label: a.title ?? '' });
      if (a.type === 'Action.OpenUrl') actions.push({ id: 'link', value: '', label: a.title ?? '', ...(a.url ? { url: a.url } : {}) });
    }
  }
}

export function fromAdaptive(kind: MsgKind, card: { body?: unknown }, meta: { conversation?: string; id?: string } = {}): ChatMsg {
  const lines: string[] = [];
  const actions: ChatAction[] = [];
  walkAdaptive((card.body ?? []) as AdaptiveNode[], lines, actions);
  return { kind, ...meta, title: lines[0] ?? '', lines, actions };
}

/** A Bot Connector activity: its Adaptive Card, or its plain text. */
export function fromActivity(kind: MsgKind, activity: unknown, meta: { conversation?: string; id?: string } = {}): ChatMsg {
  const a = activity as { text?: string; attachments?: { contentType: string; content: { body?: unknown } }[] };
  const card = a.attachments?.find((x) => x.contentType === 'application/vnd.microsoft.card.adaptive');
  if (card) return fromAdaptive(kind, card.content, meta);
  const lines = toLines(a.text);
  return { kind, ...meta, title: lines[0] ?? '', lines, actions: [] };
}

// ── the neutral model (console) ────────────────────────────────────────────────────────────────
export function fromCard(kind: MsgKind, card: Card, meta: { conversation?: string; id?: string } = {}): ChatMsg {
  const lines = [card.title, ...(card.subtitle ? [card.subtitle] : [])];
  const actions: ChatAction[] = [];
  for (const e of card.elements) {
    if (e.type === 'text' || e.type === 'context') lines.push(...toLines(e.text));
    if (e.type === 'metrics') for (const m of e.items) lines.push(m.label, m.value);
    if (e.type === 'actions') for (const b of e.buttons) actions.push({ id: b.action.id, value: b.action.value, label: b.label });
    if (e.type === 'links') for (const l of e.links) actions.push({ id: 'link', value: '', label: l.label, url: l.url });
  }
  return { kind, ...meta, title: card.title, lines, actions };
}

export function fromBotReply(reply: BotReply, meta: { conversation?: string } = {}): ChatMsg {
  if (reply.kind === 'notice') {
    const lines = toLines(reply.notice.text);
    return { kind: 'ephemeral', ...meta, title: lines[0] ?? '', lines, actions: [] };
  }
  return fromCard(reply.kind === 'card' && reply.visibility === 'channel' ? 'answer' : 'ephemeral', reply.card, meta);
}

// ── reading a normalised message ───────────────────────────────────────────────────────────────
/** all the text shown, the title once */
export const textOf = (m: ChatMsg) => (m.lines.includes(m.title) ? m.lines : [m.title, ...m.lines]).join('\n');

/** The value shown under a metric's label (Slack field, Teams column, console metric). */
export function metricValue(m: ChatMsg, label: string): string {
  const at = m.lines.indexOf(label);
  if (at < 0 || at + 1 >= m.lines.length) throw new Error(`no metric "${label}" in ${JSON.stringify(m.lines)}`);
  return m.lines[at + 1]!;
}

export function actionOf(m: ChatMsg, id: string, pick: (a: ChatAction) => boolean = () => true): ChatAction {
  const found = m.actions.find((a) => a.id === id && pick(a));
  if (!found) throw new Error(`no action ${id} in ${JSON.stringify(m.actions.map((a) => `${a.id} ${a.label}`))}`);
  return found;
}
