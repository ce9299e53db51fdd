import { assertNever, MENTION_TOKEN, type Button, type Card, type CardElement, type Input, type Metric } from '../../../core/cards/card.js';

/** Teams refuses cards over 28 KB. */
export const MAX_CARD_BYTES = 28 * 1024;
const MAX_ACTIONS = 5;
type Json = Record<string, unknown>;

const ARROWS = { up: '▲', down: '▼', flat: '▬' } as const;
const COLOR = { good: 'Good', bad: 'Attention', neutral: 'Default' } as const;

function metricColumn(m: Metric): Json {
  const items: Json[] = [
    { type: 'TextBlock', text: m.label, size: 'Small', isSubtle: true, wrap: true },
    { type: 'TextBlock', text: m.value, size: 'Large', weight: 'Bolder', spacing: 'None' },
  ];
  if (m.delta) items.push({ type: 'TextBlock', text: `${ARROWS[m.delta.arrow]} ${m.delta.text}`, color: COLOR[m.delta.tone], size: 'Small', spacing: 'None' });
  if (m.target) items.push({ type: 'TextBlock', text: `🎯 ${m.target.text} ${m.target.met ? '✅' : '⚠️'}`, size: 'Small', spacing: 'None', isSubtle: true });
  return { type: 'Column', width: 'stretch', items };
}

const executeAction = (b: Button): Json => ({
  type: 'Action.Execute',
  title: b.label,
  verb: b.action.id,
  data: { value: b.action.value },
  ...(b.style === 'primary' ? { style: 'positive' } : b.style === 'danger' ? { style: 'destructive' } : {}),
});

/** Hosts render at most 5 actions per set (Teams 6): longer rows become several sets. */
function actionSets(actions: Json[]): Json[] {
  const sets: Json[] = [];
  for (let i = 0; i < actions.length; i += MAX_ACTIONS) sets.push({ type: 'ActionSet', actions: actions.slice(i, i + MAX_ACTIONS) });
  return sets;
}

/** One input; people are picked with Teams' people picker (values: AAD object ids). */
function inputElement(i: Input, nameOf: NameOf): Json {
  // a required input needs its error message (the renderer refuses one without)
  const required = !i.optional && i.requiredMessage ? { isRequired: true, errorMessage: i.requiredMessage } : {};
  const common = { id: i.id, label: i.label, ...required, ...(i.placeholder ? { placeholder: i.placeholder } : {}), ...(i.initial && i.kind !== 'user' && i.kind !== 'users' ? { value: i.initial } : {}) };
  switch (i.kind) {
    case 'number':
      return { type: 'Input.Number', ...common, min: 0 };
    case 'date':
      return { type: 'Input.Date', ...common };
    case 'time':
      return { type: 'Input.Time', ...common };
    case 'choice':
      return { type: 'Input.ChoiceSet', ...common, style: 'compact', choices: (i.options ?? []).map((o) => ({ title: o.label, value: o.value })) };
    case 'user':
    case 'users':
      // nobody known yet: a choice set needs a choice, so the person is typed (id or e-mail)
      if (!i.people?.length) return { type: 'Input.Text', ...common };
      // the people the card knows come first; Teams searches the directory for anyone else
      return {
        type: 'Input.ChoiceSet',
        ...common,
        choices: (i.people ?? []).map((id) => ({ title: nameOf(id) ?? id, value: id })),
        'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
        isMultiSelect: i.kind === 'users',
      };
    default:
      return { type: 'Input.Text', ...common, isMultiline: !!i.multiline, ...(i.maxLength ? { maxLength: i.maxLength } : {}) };
  }
}

/**
 * Teams joins the lines of one TextBlock into a paragraph (single line breaks are lost), so
 * multi-line text (breakdowns, lists, minutes) becomes one TextBlock per line; indentation
 * survives as non-breaking spaces.
 */
function textBlocks(text: string, style: Json): Json[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length <= 1) return [{ type: 'TextBlock', text, wrap: true, ...style }];
  const items = lines.map((l, i) => ({ type: 'TextBlock', text: l.replace(/^ +/, (sp) => '\u00a0'.repeat(sp.length)), wrap: true, ...style, ...(i > 0 ? { spacing: 'None' } : {}) }));
  return [{ type: 'Container', items }];
}

function element(e: CardElement, nameOf: NameOf): Json[] {
  switch (e.type) {
    case 'text':
      return textBlocks(e.text, e.emphasis === 'strong' ? { weight: 'Bolder' } : e.emphasis === 'subtle' ? { isSubtle: true } : {});
    case 'metrics': {
      const rows: Json[] = [];
      for (let i = 0; i < e.items.length; i += 3) rows.push({ type: 'ColumnSet', columns: e.items.slice(i, i + 3).map(metricColumn), spacing: 'Medium' });
      return rows;
    }
    case 'image':
      return [{ type: 'Image', url: e.url, altText: e.alt, size: 'Stretch' }];
    case 'context':
      return textBlocks(e.text, { size: 'Small', isSubtle: true });
    case 'divider':
      return [{ type: 'Container', separator: true, spacing: 'Medium', items: [] }];
    case 'actions':
      // plain buttons send no inputs, so a form elsewhere on the card never blocks them
      return actionSets(e.buttons.map((b) => ({ ...executeAction(b), associatedInputs: 'none' })));
    case 'links':
      return actionSets(e.links.map((l) => ({ type: 'Action.OpenUrl', title: l.label, url: l.url })));
    case 'form': {
      const inputs = e.inputs.map((i) => inputElement(i, nameOf));
      if (!e.collapsed) return [...inputs, ...actionSets([executeAction(e.submit)])];
      // the inputs open under their button, so the card above stays readable
      return actionSets([{ type: 'Action.ShowCard', title: e.open, card: { type: 'AdaptiveCard', body: inputs, actions: [executeAction(e.submit)] } }]);
    }
    default:
      return assertNever(e);
  }
}

/** Display name of a Teams user id, when the service has seen it. */
export type NameOf = (userId: string) => string | undefined;

/** Mentions of the card model as "@Name" (or a short form of the id when the name is unknown). */
export const mentionsToNames = (s: string, nameOf: NameOf) => s.replace(MENTION_TOKEN, (_m, id: string) => `@${nameOf(id) ?? id.replace(/^29:/, '').slice(0, 8)}`);

function withNames(card: Card, nameOf: NameOf): Card {
  return JSON.parse(JSON.stringify(card), (_k, v: unknown) => (typeof v === 'string' ? mentionsToNames(v, nameOf) : v)) as Card;
}

/** The card as an Adaptive Card 1.5 (Universal Actions), kept under Teams' size limit. */
export function cardToAdaptive(original: Card, nameOf: NameOf = () => undefined): Json {
  const card = withNames(original, nameOf);
  const build = (elements: CardElement[]): Json => ({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    speak: card.fallbackText,
    body: [
      { type: 'TextBlock', text: card.title, size: 'Large', weight: 'Bolder', wrap: true },
      ...(card.subtitle ? [{ type: 'TextBlock', text: card.subtitle, isSubtle: true, spacing: 'None', wrap: true }] : []),
      ...elements.flatMap((e) => element(e, nameOf)),
    ],
    ...(card.refresh ? { refresh: { action: { type: 'Action.Execute', title: 'refresh', verb: card.refresh.id, data: { value: card.refresh.value } } } } : {}),
  });
  let out = build(card.elements);
  // over the limit: drop long text sections (breakdowns) before anything else
  if (Buffer.byteLength(JSON.stringify(out)) > MAX_CARD_BYTES) out = build(card.elements.filter((e) => e.type !== 'text' || e.text.length < 200));
  return out;
}
