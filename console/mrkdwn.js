/* global document */
/**
 * Slack mrkdwn → DOM. Slack escapes only &, < and >, so a literal "<" always starts a special
 * token (<@U…>, <url|label>, <#C…>, <!here>); those and `code` spans are cut out first and put
 * back as nodes, so a "_" inside a URL can never turn into italics.
 */
import { displayName, h } from './dom.js';

/** The shortcodes the bot uses (and a few common ones); unknown ones stay as typed. */
const EMOJI = {
  white_check_mark: '✅', heavy_check_mark: '✔️', warning: '⚠️', information_source: 'ℹ️', x: '❌', no_entry: '⛔',
  large_green_circle: '🟢', red_circle: '🔴', white_circle: '⚪', large_yellow_circle: '🟡', large_orange_circle: '🟠', large_blue_circle: '🔵',
  bar_chart: '📊', chart_with_upwards_trend: '📈', chart_with_downwards_trend: '📉', dart: '🎯', trophy: '🏆',
  calendar: '📆', date: '📅', spiral_calendar_pad: '🗓️', alarm_clock: '⏰', hourglass: '⌛', hourglass_flowing_sand: '⏳', clock3: '🕒',
  memo: '📝', page_facing_up: '📄', clipboard: '📋', pushpin: '📌', paperclip: '📎', link: '🔗', email: '📧', bell: '🔔', mag: '🔍', gear: '⚙️', lock: '🔒',
  busts_in_silhouette: '👥', bust_in_silhouette: '👤', speech_balloon: '💬', robot_face: '🤖', wave: '👋', eyes: '👀', pray: '🙏',
  '+1': '👍', thumbsup: '👍', '-1': '👎', thumbsdown: '👎', star: '⭐', tada: '🎉', sparkles: '✨', fire: '🔥', rocket: '🚀', bulb: '💡',
  rotating_light: '🚨', question: '❓', exclamation: '❗', heart: '❤️', smile: '😄', slightly_smiling_face: '🙂', arrow_up: '⬆️', arrow_down: '⬇️',
};

export const emojify = (s) => s.replace(/:([a-z0-9_+-]+):/g, (m, name) => EMOJI[name] ?? m);

/** Slack's three escapes; &amp; last so "&amp;lt;" stays "&lt;". */
export const unescapeSlack = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

// placeholders for cut-out tokens: private-use characters that Slack text does not contain
const PH_OPEN = '\uF8F0';
const PH_CLOSE = '\uF8F1';
const PH = new RegExp(`${PH_OPEN}(\\d+)${PH_CLOSE}`, 'g');

// *bold*, _italic_, ~strike~: the marker stands at a word boundary and hugs non-space text
const STYLE = /(^|[^\p{L}\p{N}*_~])([*_~])(\S(?:.*?\S)?)\2(?=$|[^\p{L}\p{N}*_~])/u;
const STYLE_TAG = { '*': 'strong', _: 'em', '~': 'del' };

const SAFE_URL = /^(https?:|mailto:)/i;

/**
 * ctx: { userName(slackId) → name | undefined, meSlackId, channelName(id) → name | undefined }
 * Returns a DocumentFragment.
 */
export function renderMrkdwn(text, ctx = {}) {
  const frag = document.createDocumentFragment();
  // ```code blocks``` may span lines: split them out before anything else
  const parts = String(text ?? '').split(/```([\s\S]*?)```/);
  parts.forEach((part, i) => {
    if (i % 2 === 1) return frag.append(h('pre', { class: 'sk-pre' }, unescapeSlack(part.replace(/^\n/, '').replace(/\n$/, ''))));
    // a code block is a block already: the line breaks around it would add empty lines
    let text = part;
    if (i > 0) text = text.replace(/^\n/, '');
    if (i < parts.length - 1) text = text.replace(/\n$/, '');
    if (text) frag.append(renderLines(text, ctx));
  });
  return frag;
}

/** Lines joined by <br>; consecutive "> quoted" lines become one blockquote. */
function renderLines(text, ctx) {
  const frag = document.createDocumentFragment();
  let quote = null;
  text.split('\n').forEach((line, i, lines) => {
    const quoted = /^&gt;\s?/.exec(line);
    if (quoted) {
      if (!quote) frag.append((quote = h('blockquote', { class: 'sk-quote' })));
      else quote.append(h('br'));
      quote.append(renderInline(line.slice(quoted[0].length), ctx));
      return;
    }
    quote = null;
    frag.append(renderInline(line, ctx));
    if (i < lines.length - 1 && !/^&gt;/.test(lines[i + 1])) frag.append(h('br'));
  });
  return frag;
}

/** One line: tokens and code spans out, emoji in, styles applied, tokens back. */
export function renderInline(line, ctx = {}) {
  const tokens = [];
  const hold = (node) => `${PH_OPEN}${tokens.push(node) - 1}${PH_CLOSE}`;
  let s = line.replace(/`([^`\n]+)`/g, (_m, code) => hold(h('code', { class: 'sk-code' }, unescapeSlack(code))));
  s = s.replace(/<([^<>\n]+)>/g, (_m, inner) => hold(angleToken(inner, ctx)));
  s = emojify(s);
  const frag = document.createDocumentFragment();
  styled(s, frag, tokens);
  return frag;
}

function styled(s, parent, tokens) {
  let rest = s;
  for (let m = STYLE.exec(rest); m; m = STYLE.exec(rest)) {
    const start = m.index + m[1].length;
    leaf(rest.slice(0, start), parent, tokens);
    const el = h(STYLE_TAG[m[2]]);
    styled(m[3], el, tokens);
    parent.append(el);
    rest = rest.slice(m.index + m[0].length);
  }
  leaf(rest, parent, tokens);
}

/** Plain text (unescaped) with the held tokens put back. */
function leaf(s, parent, tokens) {
  let last = 0;
  for (const m of s.matchAll(PH)) {
    if (m.index > last) parent.append(unescapeSlack(s.slice(last, m.index)));
    parent.append(tokens[Number(m[1])]);
    last = m.index + m[0].length;
  }
  if (last < s.length) parent.append(unescapeSlack(s.slice(last)));
}

/** <@U…|name>, <#C…|name>, <!here>, <!date^…|fallback>, <url|label>, <url>. */
function angleToken(inner, ctx) {
  const bar = inner.indexOf('|');
  const target = bar >= 0 ? inner.slice(0, bar) : inner;
  const label = bar >= 0 ? unescapeSlack(inner.slice(bar + 1)) : '';
  if (target.startsWith('@')) {
    const id = target.slice(1);
    const name = ctx.userName?.(id);
    const me = ctx.meSlackId && id === ctx.meSlackId;
    return h('span', { class: `sk-mention${me ? ' sk-mention-me' : ''}`, 'data-user': id }, `@${name ? displayName(name) : label || id}`);
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return h('span', { class: 'sk-mention sk-channel' }, `#${label || ctx.channelName?.(id)?.replace(/^#/, '') || id}`);
  }
  if (target.startsWith('!')) {
    // <!here>, <!channel>, <!subteam^S123|@team>, <!date^1700000000^{date}|fallback>
    const word = target.slice(1).split('^')[0];
    if (word === 'date') return document.createTextNode(label || target);
    return h('span', { class: 'sk-mention' }, label || `@${word}`);
  }
  const url = unescapeSlack(target);
  if (!SAFE_URL.test(url)) return document.createTextNode(unescapeSlack(`<${inner}>`));
  return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'sk-link' }, label || url.replace(/^mailto:/i, ''));
}
