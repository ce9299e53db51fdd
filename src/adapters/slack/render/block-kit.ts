/**
 * Block Kit renderer: the platform-neutral Card (core/cards/card.ts) becomes a Slack message.
 * Every limit Slack documents for messages is enforced here, so no card can be rejected
 * (`invalid_blocks`) because a label, a chart URL or a list grew too long.
 */
import type { types } from '@slack/bolt';
import { assertNever, MENTION_TOKEN, type Button, type Card, type CardElement, type Form, type Link, type Metric, type Notice, type Tone } from '../../../core/cards/card.js';
import { FORM_OPEN_ACTION, LINK_ACTION, packForm } from './modal.js';

type KnownBlock = types.KnownBlock;
type ButtonElement = types.Button;

/** Slack's documented limits for message blocks (https://docs.slack.dev/reference/block-kit). */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  headerText: 150,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  elementsPerActions: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  buttonUrl: 3000,
  imageUrl: 3000,
  altText: 2000,
  /** top-level `text`: Slack truncates after 40,000; notifications show far less */
  fallbackText: 3000,
} as const;

export interface SlackMessage {
  /** fallback for notifications and screen readers (mrkdwn, escaped) */
  text: string;
  blocks: KnownBlock[];
}

const TONE_EMOJI: Record<Tone, string> = { good: ':large_green_circle:', bad: ':red_circle:', neutral: ':white_circle:' };
const NOTICE_EMOJI: Record<Tone, string> = { good: ':white_check_mark:', bad: ':warning:', neutral: ':information_source:' };
const ARROW: Record<NonNullable<Metric['delta']>['arrow'], string> = { up: '▲', down: '▼', flat: '▬' };

const isSlackUser = (id: string) => /^[UW][A-Z0-9]{2,}$/.test(id);
/** Mention tokens of the card model (core/cards/card.ts) as Slack mentions, or "@id". */
const mentions = (s: string) => s.replace(MENTION_TOKEN, (_m, id: string) => (isSlackUser(id) ? `<@${id}>` : `@${id}`));
/** In plain text (headers, buttons) a mention cannot be rendered: "@id". */
export const plainMentions = (s: string) => s.replace(MENTION_TOKEN, (_m, id: string) => `@${id}`);

/** Slack mrkdwn needs only &, < and > escaped; anything else is shown as typed. */
export const escapeMrkdwn = (s: string): string => mentions(s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** Cuts to `max` UTF-16 units with an ellipsis, never splitting a surrogate pair. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max - 1;
  if (isHighSurrogate(s.charCodeAt(end - 1))) end--;
  return `${s.slice(0, end)}…`;
}

/** Splits plain text into pieces whose formatted, escaped form fits `max`, preferring line breaks. */
export function splitText(text: string, max: number, format: (line: string) => string = escapeMrkdwn): string[] {
  const pieces: string[] = [];
  let current: string[] = [];
  const joined = (lines: string[]) => lines.map(format).join('\n');
  for (const line of text.split('\n')) {
    for (const part of hardSplit(line, max, format)) {
      if (current.length && joined([...current, part]).length > max) {
        pieces.push(joined(current));
        current = [];
      }
      current.push(part);
    }
  }
  if (current.length) pieces.push(joined(current));
  return pieces.filter((p) => p.trim() !== '');
}

/** One line longer than `max` once formatted: cut at the last space that fits, else anywhere. */
function hardSplit(line: string, max: number, format: (line: string) => string): string[] {
  const out: string[] = [];
  let rest = line;
  while (format(rest).length > max) {
    // the longest prefix that fits (formatted length grows with the prefix: binary search)
    let lo = 1;
    let hi = rest.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (format(rest.slice(0, mid)).length <= max) lo = mid;
      else hi = mid - 1;
    }
    let cut = lo;
    const space = rest.lastIndexOf(' ', cut);
    if (space > cut / 2) cut = space;
    else if (cut > 1 && isHighSurrogate(rest.charCodeAt(cut - 1))) cut--;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^ /, '');
  }
  out.push(rest);
  return out;
}

const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: truncate(plainMentions(text).trim() || '…', max), emoji: true });
const mrkdwnSection = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(escapeMrkdwn(text), SLACK_LIMITS.contextText) }] });

/** Bold or italic in mrkdwn applies per line, and only without surrounding spaces. */
const wrapLines = (mark: string) => (line: string) => (line.trim() ? `${mark}${escapeMrkdwn(line.trim())}${mark}` : '');

function textBlocks(el: Extract<CardElement, { type: 'text' }>): KnownBlock[] {
  if (el.emphasis === 'subtle') return splitText(el.text, SLACK_LIMITS.contextText).map((t) => ({ type: 'context', elements: [{ type: 'mrkdwn', text: t }] }));
  const format = el.emphasis === 'strong' ? wrapLines('*') : escapeMrkdwn;
  return splitText(el.text, SLACK_LIMITS.sectionText, format).map(mrkdwnSection);
}

/** "*label*\nvalue  ▲ +3 pp :large_green_circle: · 🎯 ≤ 60 min ✅" */
export function metricField(m: Metric): string {
  let text = `*${escapeMrkdwn(m.label)}*\n${escapeMrkdwn(m.value)}`;
  if (m.delta) text += `  ${ARROW[m.delta.arrow]} ${escapeMrkdwn(m.delta.text)} ${TONE_EMOJI[m.delta.tone]}`;
  if (m.target) text += ` · 🎯 ${escapeMrkdwn(m.target.text)} ${m.target.met ? '✅' : '⚠️'}`;
  return truncate(text, SLACK_LIMITS.fieldText);
}

function metricBlocks(items: Metric[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < items.length; i += SLACK_LIMITS.fieldsPerSection) {
    const fields = items.slice(i, i + SLACK_LIMITS.fieldsPerSection).map((m) => ({ type: 'mrkdwn' as const, text: metricField(m) }));
    blocks.push({ type: 'section', fields });
  }
  return blocks;
}

function imageBlocks(el: Extract<CardElement, { type: 'image' }>): KnownBlock[] {
  // a longer URL would make Slack refuse the whole message: the card goes out without its chart
  if (el.url.length > SLACK_LIMITS.imageUrl || !/^https?:\/\//.test(el.url)) return [];
  return [{ type: 'image', image_url: el.url, alt_text: truncate(el.alt.trim() || 'chart', SLACK_LIMITS.altText) }];
}

/** `action_id` is `${action.id}:${index}`: unique in the message, and the id comes back out. */
export const actionIdFor = (id: string, index: number): string => `${id}:${index}`;
export const ACTION_ID_PATTERN = /^[A-Za-z][\w.-]*:\d+$/;

/** The ActionRef id of a rendered button's `action_id`, or null if it is not one of ours. */
export function parseActionId(actionId: string): string | null {
  if (!ACTION_ID_PATTERN.test(actionId)) return null;
  return actionId.slice(0, actionId.lastIndexOf(':'));
}

function buttonElement(b: Button, index: number): ButtonElement | null {
  const actionId = actionIdFor(b.action.id, index);
  // a value or id Slack would refuse cannot be cut without breaking it: leave the button out
  if (b.action.value.length > SLACK_LIMITS.buttonValue || actionId.length > SLACK_LIMITS.actionId) return null;
  return {
    type: 'button',
    text: plain(b.label, SLACK_LIMITS.buttonText),
    action_id: actionId,
    ...(b.action.value ? { value: b.action.value } : {}),
    ...(b.style ? { style: b.style } : {}),
  };
}

function actionBlocks(buttons: Button[], counter: { next: number }): KnownBlock[] {
  const elements = buttons.map((b) => buttonElement(b, counter.next++)).filter((e): e is ButtonElement => e !== null);
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < elements.length; i += SLACK_LIMITS.elementsPerActions) {
    blocks.push({ type: 'actions', elements: elements.slice(i, i + SLACK_LIMITS.elementsPerActions) });
  }
  return blocks;
}

/** URL buttons: Slack opens the link (and still sends a `link:n` action, which is ignored). */
function linkBlocks(links: Link[], counter: { next: number }): KnownBlock[] {
  const elements: ButtonElement[] = links
    .filter((l) => /^https?:\/\//.test(l.url) && l.url.length <= SLACK_LIMITS.buttonUrl)
    .map((l) => ({ type: 'button', text: plain(l.label, SLACK_LIMITS.buttonText), action_id: actionIdFor(LINK_ACTION, counter.next++), url: l.url }));
  return elements.length ? [{ type: 'actions', elements: elements.slice(0, SLACK_LIMITS.elementsPerActions) }] : [];
}

/** A form in a message is a button; its value carries the form so the click can open the modal. */
function formBlocks(form: Form, counter: { next: number }): KnownBlock[] {
  const value = JSON.stringify(packForm(form));
  if (value.length > SLACK_LIMITS.buttonValue) return [];
  return [{ type: 'actions', elements: [{ type: 'button', text: plain(form.open, SLACK_LIMITS.buttonText), action_id: actionIdFor(FORM_OPEN_ACTION, counter.next++), value }] }];
}

function elementBlocks(el: CardElement, counter: { next: number }): KnownBlock[] {
  switch (el.type) {
    case 'text':
      return textBlocks(el);
    case 'metrics':
      return metricBlocks(el.items);
    case 'image':
      return imageBlocks(el);
    case 'context':
      return el.text.trim() ? [context(el.text)] : [];
    case 'divider':
      return [{ type: 'divider' }];
    case 'actions':
      return actionBlocks(el.buttons, counter);
    case 'links':
      return linkBlocks(el.links, counter);
    case 'form':
      return formBlocks(el, counter);
    default:
      return assertNever(el);
  }
}

/**
 * Keeps a message within `max` blocks: the buttons stay (they are how the card is used), the
 * content is cut at the end with a "…" marker.
 */
function fitBlocks(blocks: KnownBlock[], max: number): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const actions = blocks.filter((b) => b.type === 'actions').slice(0, max - 2);
  const others = blocks.filter((b) => b.type !== 'actions').slice(0, max - actions.length - 1);
  return [...others, { type: 'context', elements: [{ type: 'mrkdwn', text: '…' }] }, ...actions];
}

export function fallbackText(card: Pick<Card, 'fallbackText' | 'title'>): string {
  return truncate(escapeMrkdwn(card.fallbackText.trim() || card.title.trim() || '…'), SLACK_LIMITS.fallbackText);
}

/** The card as Block Kit blocks with fallback text, within Slack's limits. */
export function cardToBlocks(card: Card, maxBlocks: number = SLACK_LIMITS.blocksPerMessage): SlackMessage {
  const counter = { next: 0 };
  const blocks: KnownBlock[] = [{ type: 'header', text: plain(card.title, SLACK_LIMITS.headerText) }];
  if (card.subtitle?.trim()) blocks.push(context(card.subtitle));
  for (const el of card.elements) blocks.push(...elementBlocks(el, counter));
  return { text: fallbackText(card), blocks: fitBlocks(blocks, maxBlocks) };
}

/** A short answer (error, confirmation) as a message: one emoji for the tone, then the text. */
export function noticeToMessage(notice: Notice): SlackMessage {
  const blocks = splitText(notice.text, SLACK_LIMITS.sectionText - 30).map((t, i) => mrkdwnSection(i === 0 ? `${NOTICE_EMOJI[notice.tone]} ${t}` : t));
  return { text: truncate(escapeMrkdwn(notice.text), SLACK_LIMITS.fallbackText), blocks: fitBlocks(blocks, SLACK_LIMITS.blocksPerMessage) };
}
