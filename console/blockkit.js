/* global document */
/**
 * Block Kit → DOM, close enough to Slack to read and use: header, section (text, fields,
 * accessory), context, divider, image (QuickChart URLs drawn locally), actions with buttons,
 * and a basic rich_text. Input blocks belong to modals (modal.js).
 *
 * ctx: { userName, meSlackId, channelName (see mrkdwn.js), onAction({ actionId, value, url }, button) }
 */
import { chartOrImage } from './charts.js';
import { displayName, h } from './dom.js';
import { emojify, renderMrkdwn } from './mrkdwn.js';

/** A text object: mrkdwn formatted, plain_text as typed (shortcodes as emoji unless emoji:false). */
export function renderText(text, ctx) {
  if (!text) return document.createDocumentFragment();
  if (typeof text === 'string') return renderMrkdwn(text, ctx);
  if (text.type === 'mrkdwn') return renderMrkdwn(text.text, ctx);
  return document.createTextNode(text.emoji === false ? String(text.text ?? '') : emojify(String(text.text ?? '')));
}

const plainString = (text) => emojify(String(text?.text ?? text ?? ''));

export function renderBlocks(blocks, ctx) {
  const root = h('div', { class: 'sk-blocks' });
  for (const block of Array.isArray(blocks) ? blocks : []) {
    const el = renderBlock(block, ctx);
    if (el) root.append(el);
  }
  return root;
}

function renderBlock(block, ctx) {
  switch (block?.type) {
    case 'header':
      return h('div', { class: 'sk-header' }, plainString(block.text));
    case 'section':
      return section(block, ctx);
    case 'context':
      return h('div', { class: 'sk-context' }, (block.elements ?? []).map((e) => (e.type === 'image' ? h('img', { src: e.image_url, alt: e.alt_text ?? '', class: 'sk-context-img' }) : h('span', { class: 'sk-context-text' }, renderText(e, ctx)))));
    case 'divider':
      return h('hr', { class: 'sk-divider' });
    case 'image':
      return h(
        'figure',
        { class: 'sk-image-block' },
        block.title ? h('figcaption', { class: 'sk-image-title' }, plainString(block.title)) : null,
        chartOrImage(block.image_url, block.alt_text),
      );
    case 'actions':
      return h('div', { class: 'sk-actions' }, (block.elements ?? []).map((e) => element(e, ctx)));
    case 'rich_text':
      return richText(block, ctx);
    case 'input':
      // an input outside a modal is not something a message can hold: say so instead of dropping it
      return h('div', { class: 'sk-unsupported' }, `[input: ${plainString(block.label)}]`);
    default:
      return h('div', { class: 'sk-unsupported' }, `[unsupported block: ${block?.type ?? '?'}]`);
  }
}

function section(block, ctx) {
  const body = h(
    'div',
    { class: 'sk-section-body' },
    block.text ? h('div', { class: 'sk-text' }, renderText(block.text, ctx)) : null,
    block.fields?.length ? h('div', { class: 'sk-fields' }, block.fields.map((f) => h('div', { class: 'sk-field' }, renderText(f, ctx)))) : null,
  );
  const accessory = block.accessory ? h('div', { class: 'sk-accessory' }, element(block.accessory, ctx)) : null;
  return h('div', { class: 'sk-section' }, body, accessory);
}

/** An interactive element; buttons are what the bot uses, the rest is shown as unsupported. */
function element(e, ctx) {
  if (e.type === 'image') return h('img', { src: e.image_url, alt: e.alt_text ?? '', class: 'sk-accessory-img' });
  if (e.type !== 'button') return h('span', { class: 'sk-unsupported' }, `[${e.type}]`);
  const button = h(
    'button',
    {
      type: 'button',
      class: `sk-btn${e.style === 'primary' ? ' sk-btn-primary' : e.style === 'danger' ? ' sk-btn-danger' : ''}${e.url ? ' sk-btn-link' : ''}`,
      'data-testid': 'button',
      'data-action-id': e.action_id,
      title: e.url ?? null,
    },
    plainString(e.text),
    e.url ? h('span', { class: 'sk-external', 'aria-hidden': 'true' }, ' ↗') : null,
  );
  button.addEventListener('click', () => ctx.onAction?.({ actionId: e.action_id ?? '', value: e.value ?? '', url: e.url }, button));
  return button;
}

/** rich_text: sections, lists, quotes and preformatted text with styled runs. */
function richText(block, ctx) {
  const root = h('div', { class: 'sk-text sk-rich' });
  for (const el of block.elements ?? []) {
    if (el.type === 'rich_text_list') {
      root.append(h(el.style === 'ordered' ? 'ol' : 'ul', {}, (el.elements ?? []).map((item) => h('li', {}, richRuns(item.elements, ctx)))));
    } else if (el.type === 'rich_text_preformatted') root.append(h('pre', { class: 'sk-pre' }, richRuns(el.elements, ctx)));
    else if (el.type === 'rich_text_quote') root.append(h('blockquote', { class: 'sk-quote' }, richRuns(el.elements, ctx)));
    else root.append(h('div', {}, richRuns(el.elements, ctx)));
  }
  return root;
}

function richRuns(runs, ctx) {
  return (runs ?? []).map((r) => {
    let node;
    if (r.type === 'link') node = h('a', { href: /^(https?:|mailto:)/i.test(r.url) ? r.url : null, target: '_blank', rel: 'noopener noreferrer', class: 'sk-link' }, r.text || r.url);
    else if (r.type === 'user') node = h('span', { class: `sk-mention${r.user_id === ctx.meSlackId ? ' sk-mention-me' : ''}` }, `@${displayName(ctx.userName?.(r.user_id) ?? r.user_id)}`);
    else if (r.type === 'channel') node = h('span', { class: 'sk-mention sk-channel' }, `#${ctx.channelName?.(r.channel_id) ?? r.channel_id}`);
    else if (r.type === 'emoji') node = document.createTextNode(r.unicode ? String.fromCodePoint(...r.unicode.split('-').map((c) => parseInt(c, 16))) : emojify(`:${r.name}:`));
    else node = document.createTextNode(r.text ?? '');
    const s = r.style ?? {};
    if (s.code) node = h('code', { class: 'sk-code' }, node);
    if (s.strike) node = h('del', {}, node);
    if (s.italic) node = h('em', {}, node);
    if (s.bold) node = h('strong', {}, node);
    return node;
  });
}
