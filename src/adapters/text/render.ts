/**
 * Plain-text renderer: the platform-neutral Card (core/cards/card.ts) as lines for a terminal or
 * a script's log. No colours or escape codes, so the output can be piped and grepped.
 */
import { assertNever, MENTION_TOKEN, type Button, type Card, type CardElement, type Form, type Metric, type Notice, type Tone } from '../../core/cards/card.js';

export interface TextOptions {
  /** wrap width in characters (default 80) */
  width?: number;
  /** also print each button's action id and value (for scripting the matching action) */
  showActions?: boolean;
}

const ARROW: Record<NonNullable<Metric['delta']>['arrow'], string> = { up: '▲', down: '▼', flat: '▬' };
const NOTICE_MARK: Record<Tone, string> = { good: '✔', bad: '✖', neutral: 'ℹ' };

/** Mention tokens as "@id": a terminal has no people to link to. */
const plain = (s: string) => s.replace(MENTION_TOKEN, (_m, id: string) => `@${id}`);
/** Length in code points, so accented and astral characters count once. */
const len = (s: string) => [...s].length;
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - len(s)));

/** Word-wraps each line of `text` to `width` (lines after the first start with `indent`); over-long words are cut. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const out: string[] = [];
  for (const line of plain(text).split('\n')) {
    // a line's own leading spaces (an indented list) are kept on its wrapped parts too
    const lead = /^ */.exec(line)![0];
    const prefix = () => (out.length ? indent : '') + lead;
    const room = () => Math.max(1, width - len(prefix()));
    let current = '';
    const flush = () => {
      out.push(current.trimEnd() ? prefix() + current.trimEnd() : '');
      current = '';
    };
    for (const word of line.trimStart().split(/ +/)) {
      let chars = [...word];
      while (chars.length > room() - (current ? len(current) + 1 : 0)) {
        if (current) flush();
        if (chars.length <= room()) break;
        const take = room();
        current = chars.slice(0, take).join('');
        chars = chars.slice(take);
        flush();
      }
      current = current ? `${current} ${chars.join('')}` : chars.join('');
    }
    flush();
  }
  return out;
}

/** Packs whole items into lines of at most `width` (an item wider than that gets a line alone). */
function pack(items: string[], width: number, sep = '  '): string[] {
  const lines: string[] = [];
  for (const item of items) {
    const last = lines.length ? lines[lines.length - 1]! : null;
    if (last !== null && len(last) + sep.length + len(item) <= width) lines[lines.length - 1] = last + sep + item;
    else lines.push(item);
  }
  return lines;
}

/** "Volume: 1.234  ▲ +3 %  🎯 ≥ 85 % ✅", labels, values and changes in columns. */
function metricLines(items: Metric[]): string[] {
  const cells = items.map((m) => [plain(m.label), plain(m.value), m.delta ? `${ARROW[m.delta.arrow]} ${plain(m.delta.text)}` : ''] as const);
  const widths = [0, 1, 2].map((i) => Math.max(0, ...cells.map((c) => len(c[i]!))));
  return items.map((m, i) => {
    const [label, value, delta] = cells[i]!;
    const target = m.target ? `🎯 ${plain(m.target.text)} ${m.target.met ? '✅' : '⚠️'}` : '';
    const rest = [pad(value, widths[1]!), target ? pad(delta, widths[2]!) : delta, target];
    return `${pad(`${label}:`, widths[0]! + 1)} ${rest.join('  ')}`.trimEnd();
  });
}

const buttonText = (b: Button) => `[ ${plain(b.label).trim() || '…'} ]`;

function buttonLines(buttons: Button[], o: Required<TextOptions>): string[] {
  if (o.showActions) return buttons.flatMap((b) => [buttonText(b), `  ↳ ${b.action.id} ${b.action.value}`]);
  return pack(buttons.map(buttonText), o.width);
}

function formLines(form: Form, o: Required<TextOptions>): string[] {
  const inputs = form.inputs.map((i) => {
    const kind = i.kind && i.kind !== 'text' ? ` <${i.kind}>` : '';
    const hint = i.placeholder ? ` — ${plain(i.placeholder)}` : '';
    // a choice lists its options, the one picked already marked
    const options = i.kind === 'choice' ? `: ${(i.options ?? []).map((o) => `${o.value === i.initial ? '(•)' : '( )'} ${plain(o.label)}`).join(' / ')}` : '';
    return wrap(`• ${plain(i.label)}${kind}${i.optional ? ' (optional)' : ''}${options}${hint}`, o.width - 2, '    ').map((l) => `  ${l}`);
  });
  return [...wrap(form.title, o.width), ...inputs.flat(), ...buttonLines([form.submit], o)];
}

function elementLines(el: CardElement, o: Required<TextOptions>): string[] {
  switch (el.type) {
    case 'text':
      if (el.emphasis === 'subtle') return wrap(`· ${el.text}`, o.width, '  ');
      // bold as Slack writes it: still readable where nothing renders it
      return el.emphasis === 'strong' ? wrap(el.text, o.width - 2).map((l) => (l.trim() ? `*${l}*` : l)) : wrap(el.text, o.width);
    case 'metrics':
      return metricLines(el.items);
    case 'image':
      // never wrapped: terminals open a URL only when it is on one line
      return [`[chart: ${plain(el.alt).trim() || 'chart'}] ${el.url}`];
    case 'context':
      return el.text.trim() ? wrap(`· ${el.text}`, o.width, '  ') : [];
    case 'divider':
      return ['─'.repeat(o.width)];
    case 'actions':
      return buttonLines(el.buttons, o);
    case 'links':
      return el.links.map((l) => `${plain(l.label)}: ${l.url}`);
    case 'form':
      return formLines(el, o);
    default:
      return assertNever(el);
  }
}

/** The card as plain text: title underlined, subtitle, then every element, blank lines between. */
export function cardToText(card: Card, opts: TextOptions = {}): string {
  const o: Required<TextOptions> = { width: Math.max(20, opts.width ?? 80), showActions: opts.showActions ?? false };
  const title = wrap(card.title.trim() || card.fallbackText, o.width);
  const lines = [...title, '═'.repeat(Math.min(o.width, Math.max(...title.map(len))))];
  if (card.subtitle?.trim()) lines.push(...wrap(card.subtitle, o.width));
  let previous: CardElement['type'] | null = null;
  for (const el of card.elements) {
    const body = elementLines(el, o);
    if (!body.length) continue;
    // a divider is its own separator
    if (previous !== 'divider' && el.type !== 'divider') lines.push('');
    lines.push(...body);
    previous = el.type;
  }
  return `${lines.join('\n')}\n`;
}

/** A short answer: one mark for its tone, then the text. */
export function noticeToText(notice: Notice, opts: Pick<TextOptions, 'width'> = {}): string {
  return `${wrap(`${NOTICE_MARK[notice.tone]} ${notice.text}`, Math.max(20, opts.width ?? 80), '  ').join('\n')}\n`;
}
