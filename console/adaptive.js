/* global AdaptiveCards */
/**
 * Teams look: Adaptive Cards through Microsoft's renderer, plus the few things Teams does that
 * the plain renderer does not — markdown in TextBlocks, <at>mentions</at>, a people picker
 * (Data.Query over the directory, emulated with the demo users) — and QuickChart images
 * drawn locally.
 */
import { chartConfigFromUrl, isChartUrl, renderChart } from './charts.js';
import { displayName, h } from './dom.js';

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
// a transparent pixel stands in for a chart image until the canvas replaces it (no request)
const BLANK_GIF = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

/** Colours and fonts close to Teams' light theme. */
const TEAMS_HOST_CONFIG = {
  fontFamily: "'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', sans-serif",
  spacing: { small: 4, default: 8, medium: 16, large: 24, extraLarge: 32, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E0E0E0' },
  fontSizes: { small: 12, default: 14, medium: 16, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  containerStyles: {
    default: {
      backgroundColor: '#FFFFFF',
      foregroundColors: {
        default: { default: '#242424', subtle: '#616161' },
        accent: { default: '#5B5FC7', subtle: '#6264A7' },
        good: { default: '#0E700E', subtle: '#107C10' },
        warning: { default: '#835C00', subtle: '#8A6116' },
        attention: { default: '#C4314B', subtle: '#B10E1C' },
        dark: { default: '#242424', subtle: '#424242' },
        light: { default: '#FFFFFF', subtle: '#F5F5F5' },
      },
    },
    emphasis: {
      backgroundColor: '#F5F5F5',
      foregroundColors: { default: { default: '#242424', subtle: '#616161' } },
    },
  },
  actions: { maxActions: 6, spacing: 'default', buttonSpacing: 8, actionsOrientation: 'horizontal', actionAlignment: 'left', showCard: { actionMode: 'inline', inlineTopMargin: 12 } },
  inputs: { label: { inputSpacing: 'small', requiredInputs: { suffix: ' *', color: 'attention' } }, errorMessage: { size: 'small', color: 'attention' } },
};

let configured = false;
let hostConfig = null;

/** Once: the markdown hook (the renderer has none of its own without markdown-it). */
function configure() {
  if (configured) return;
  configured = true;
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = teamsMarkdown(text);
    result.didProcess = true;
  };
  hostConfig = new AdaptiveCards.HostConfig(TEAMS_HOST_CONFIG);
  // The renderer reads an empty Input.Number as NaN and then fails its min/max check, so an
  // optional, empty number field would block every action of its card. Teams does not.
  const number = AdaptiveCards.NumberInput?.prototype;
  if (number && !number.consolePatched) {
    const isValid = number.isValid;
    number.isValid = function () {
      return Number.isNaN(this.value) ? !this.isRequired : isValid.call(this);
    };
    number.consolePatched = true;
  }
}

export const isAdaptiveCard = (attachment) => attachment?.contentType === CARD_TYPE && attachment.content;

/**
 * content: Adaptive Card JSON
 * ctx: { users: session users, onExecute({ verb, data }, button), onOpenUrl(url) }
 */
export function renderAdaptiveCard(content, ctx) {
  if (typeof AdaptiveCards === 'undefined') return h('pre', { class: 'tm-raw' }, JSON.stringify(content, null, 2));
  configure();
  const { json, charts } = prepare(content, ctx.users ?? []);
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = hostConfig;
  card.onExecuteAction = (action) => {
    if (action instanceof AdaptiveCards.OpenUrlAction) return ctx.onOpenUrl?.(action.url);
    if (action instanceof AdaptiveCards.ExecuteAction || action instanceof AdaptiveCards.SubmitAction) {
      // the renderer has validated the inputs and merged their values into `data`
      ctx.onExecute?.({ verb: action.verb ?? '', data: asObject(action.data) }, action.renderedElement);
    }
    // ShowCard and ToggleVisibility are handled inside the renderer
  };
  let el;
  try {
    card.parse(json);
    el = card.render();
  } catch (err) {
    return h('div', { class: 'tm-card-error' }, `Could not render this card: ${err?.message ?? err}`);
  }
  if (!el) return h('div', { class: 'tm-card-error' }, 'Empty card');
  for (const img of el.querySelectorAll('img')) {
    const chart = charts.get(img.alt);
    if (!chart) continue;
    const canvas = renderChart(chart.url, chart.alt);
    if (canvas) img.replaceWith(canvas);
    else Object.assign(img, { src: chart.url, alt: chart.alt ?? '' });
  }
  markButtons(el);
  // a Action.ShowCard renders its card on demand: tag the buttons that appear then too
  el.addEventListener('click', () => setTimeout(() => markButtons(el)));
  return h('div', { class: 'tm-card' }, el);
}

const markButtons = (root) => {
  for (const b of root.querySelectorAll('button.ac-pushButton, .ac-actionSet button')) b.dataset.testid = 'button';
};

const asObject = (data) => (data && typeof data === 'object' && !Array.isArray(data) ? data : data === undefined ? {} : { value: data });

/**
 * A copy of the card ready for the browser: chart images swapped for placeholders (recorded by
 * a token in their alt text) and people pickers given the demo users as choices.
 */
function prepare(content, users) {
  const json = structuredClone(content);
  const charts = new Map();
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (node.type === 'Image' && isChartUrl(node.url) && chartConfigFromUrl(node.url)) {
      const token = `qc-chart-${charts.size + 1}`;
      charts.set(token, { url: node.url, alt: node.altText ?? 'chart' });
      node.url = BLANK_GIF;
      node.altText = token;
    }
    if (node.type === 'Input.ChoiceSet' && node['choices.data']) {
      // Teams would search the directory; here the directory is the demo users
      const choices = Array.isArray(node.choices) ? node.choices : [];
      for (const u of users) if (u.teamsId && !choices.some((c) => c.value === u.teamsId)) choices.push({ title: displayName(u.name), value: u.teamsId });
      node.choices = choices;
      delete node['choices.data'];
    }
    for (const v of Object.values(node)) walk(v);
  };
  walk(json);
  return { json, charts };
}

/* ---------- Teams markdown (TextBlocks and plain text activities) ---------- */

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const PH = /\uF8F0(\d+)\uF8F1/g;

/**
 * The markdown Teams supports in cards and messages — **bold**, _italic_ / *italic*,
 * ~~strike~~, `code`, [links](url), "- " and "1. " lists, line breaks — as HTML. Everything is
 * escaped first, so only the tags made here reach the page.
 */
export function teamsMarkdown(text) {
  const out = [];
  let list = null;
  const closeList = () => {
    if (list) out.push(`<${list.tag}>${list.items.map((i) => `<li>${i}</li>`).join('')}</${list.tag}>`);
    list = null;
  };
  const lines = String(text ?? '').split(/\r?\n/);
  lines.forEach((line) => {
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      const tag = bullet ? 'ul' : 'ol';
      if (list?.tag !== tag) closeList();
      list ??= { tag, items: [] };
      list.items.push(inlineMarkdown(item[1]));
      return;
    }
    closeList();
    out.push(`${inlineMarkdown(line)}<br>`);
  });
  closeList();
  return `<div class="tm-md">${out.join('').replace(/(<br>)+$/, '')}</div>`;
}

function inlineMarkdown(line) {
  const tokens = [];
  const hold = (html) => `\uF8F0${tokens.push(html) - 1}\uF8F1`;
  let s = line
    .replace(/`([^`]+)`/g, (_m, code) => hold(`<code>${escapeHtml(code)}</code>`))
    .replace(/<at>(.*?)<\/at>/gi, (_m, name) => hold(`<span class="tm-mention">@${escapeHtml(displayName(name))}</span>`))
    .replace(/\[([^\]]+)\]\(((?:https?:|mailto:)[^)\s]+)\)/gi, (_m, label, url) => hold(`<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(label)}</a>`));
  s = escapeHtml(s)
    .replace(/\*\*(\S(?:.*?\S)?)\*\*/g, '<strong>$1</strong>')
    .replace(/__(\S(?:.*?\S)?)__/g, '<strong>$1</strong>')
    .replace(/~~(\S(?:.*?\S)?)~~/g, '<del>$1</del>')
    .replace(/(^|[^\p{L}\p{N}*_])([*_])(\S(?:.*?\S)?)\2(?=$|[^\p{L}\p{N}*_])/gu, '$1<em>$3</em>');
  return s.replace(PH, (_m, i) => tokens[Number(i)]);
}
