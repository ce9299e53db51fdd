import { describe, expect, it } from 'vitest';
import { cardToText, noticeToText, wrap } from '../../src/adapters/text/render.js';
import { mention, type Card, type CardElement } from '../../src/core/cards/card.js';

const card = (elements: CardElement[], over: Partial<Card> = {}): Card => ({ title: 'KPIs — This week', fallbackText: 'KPIs', elements, ...over });
const longest = (s: string) => Math.max(...s.split('\n').map((l) => [...l].length));

const EVERY_KIND: CardElement[] = [
  { type: 'text', text: `Owner ${mention('U123')} follows up`, emphasis: 'strong' },
  { type: 'text', text: 'plain words' },
  {
    type: 'metrics',
    items: [
      { label: 'CSAT', value: '86%', delta: { text: '+3 pp', arrow: 'up', tone: 'good' }, target: { text: '≥ 85%', met: true } },
      { label: 'First response', value: '12 min', delta: { text: '−5%', arrow: 'down', tone: 'good' }, target: { text: '≤ 10 min', met: false } },
      { label: 'Volume', value: '40' },
    ],
  },
  { type: 'image', url: 'https://charts.example.test/chart?c=1', alt: 'Daily volume' },
  { type: 'context', text: `updated by ${mention('U9')}` },
  { type: 'divider' },
  { type: 'actions', buttons: [{ label: '◀ Previous', action: { id: 'kpi.show', value: '{"p":1}' } }, { label: 'Next ▶', action: { id: 'kpi.show', value: '{"p":2}' } }] },
  { type: 'links', links: [{ label: 'Annex (CSV)', url: 'https://svc.example.test/annex/abc' }] },
  {
    type: 'form',
    title: 'New meeting',
    open: 'Plan a meeting',
    cancel: 'Cancel',
    inputs: [{ id: 'date', label: 'Date', kind: 'date' }, { id: 'topic', label: 'Topic', placeholder: 'What about?', optional: true }],
    submit: { label: 'Create', action: { id: 'meeting.create', value: '' } },
  },
];

describe('cardToText', () => {
  const text = cardToText(card(EVERY_KIND, { subtitle: 'Nov 23 – 29' }));

  it('underlines the title and prints the subtitle', () => {
    expect(text.split('\n').slice(0, 3)).toEqual(['KPIs — This week', '═'.repeat(16), 'Nov 23 – 29']);
  });

  it('renders every element kind', () => {
    expect(text).toContain('*Owner @U123 follows up*');
    expect(text).toContain('\nplain words\n');
    expect(text).toContain('[chart: Daily volume] https://charts.example.test/chart?c=1');
    expect(text).toContain('· updated by @U9');
    expect(text).toContain(`\n${'─'.repeat(80)}\n`);
    expect(text).toContain('[ ◀ Previous ]  [ Next ▶ ]');
    expect(text).toContain('Annex (CSV): https://svc.example.test/annex/abc');
    expect(text).toMatch(/New meeting\n {2}• Date <date>\n {2}• Topic \(optional\) — What about\?\n\[ Create \]/);
  });

  it('lines metrics up in columns with change and target', () => {
    const lines = text.split('\n').filter((l) => /^(CSAT|First response|Volume):/.test(l));
    expect(lines).toEqual([
      'CSAT:           86%     ▲ +3 pp  🎯 ≥ 85% ✅',
      'First response: 12 min  ▼ −5%    🎯 ≤ 10 min ⚠️',
      'Volume:         40',
    ]);
  });

  it('prints no mention token and no action ids unless asked', () => {
    expect(text).not.toMatch(/[\uE000\uE001]/);
    expect(text).not.toContain('kpi.show');
    const shown = cardToText(card(EVERY_KIND), { showActions: true });
    expect(shown).toContain('[ ◀ Previous ]\n  ↳ kpi.show {"p":1}\n[ Next ▶ ]\n  ↳ kpi.show {"p":2}');
    expect(shown).toContain('[ Create ]\n  ↳ meeting.create');
  });

  it('wraps long text, context and buttons to the width (URLs stay whole)', () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const buttons = Array.from({ length: 12 }, (_, i) => ({ label: `Button ${i}`, action: { id: 'x', value: '' } }));
    const out = cardToText(card([{ type: 'text', text: words }, { type: 'context', text: words }, { type: 'actions', buttons }]), { width: 40 });
    expect(longest(out)).toBeLessThanOrEqual(40);
    expect(out).toContain('word0 word1');
    expect(out).toContain('\n  word'); // context continues under its text, not under the dot
    expect(out.match(/\[ Button \d+ \]/g)).toHaveLength(12);
    const url = `https://charts.example.test/chart?c=${'x'.repeat(200)}`;
    expect(cardToText(card([{ type: 'image', url, alt: 'chart' }]), { width: 40 })).toContain(url);
  });

  it('falls back to the fallback text for an empty title and skips empty context', () => {
    const out = cardToText(card([{ type: 'context', text: '  ' }], { title: ' ', fallbackText: 'Survey results' }));
    expect(out).toBe('Survey results\n══════════════\n');
  });
});

describe('wrap', () => {
  it('keeps line breaks and indentation, cuts words longer than a line', () => {
    expect(wrap('  • an indented item that wraps\nnext', 16)).toEqual(['  • an indented', '  item that', '  wraps', 'next']);
    expect(wrap('abcdefghijklmnopqrstuvwxyz', 10)).toEqual(['abcdefghij', 'klmnopqrst', 'uvwxyz']);
    expect(wrap('', 10)).toEqual(['']);
  });
});

describe('noticeToText', () => {
  it('marks the tone and indents continuation lines', () => {
    expect(noticeToText({ text: `Sent to ${mention('U1')}`, tone: 'good' })).toBe('✔ Sent to @U1\n');
    expect(noticeToText({ text: 'Unknown argument.\nExamples: /kpi week', tone: 'bad' })).toBe('✖ Unknown argument.\n  Examples: /kpi week\n');
    expect(noticeToText({ text: 'Usage: /report …', tone: 'neutral' })).toBe('ℹ Usage: /report …\n');
  });
});
