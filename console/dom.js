/* global document, Node */
/**
 * A tiny element builder. Everything the bot sends is put in the page as text nodes or
 * attributes, never as HTML, so a message cannot inject markup or scripts.
 */

/**
 * h('button', { class: 'x', dataset: { id: '1' }, onclick: fn }, 'label', child)
 * `value` is set last (a <select>'s value needs its options first); false/null/undefined
 * attributes are left out; `true` sets an empty boolean attribute.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false || k === 'value') continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  if (attrs.value !== undefined && attrs.value !== null) el.value = attrs.value;
  return el;
}

/** Appends strings (as text), nodes and nested arrays; skips null/undefined/false. */
export function append(parent, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else parent.append(c instanceof Node ? c : String(c));
  }
  return parent;
}

/** "14:05" for a message's time stamp. */
export const clock = (date = new Date()) => date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** "Sofia Martins (supervisor)" → "Sofia Martins": how the platforms show a person's name. */
export const displayName = (name) => String(name ?? '').replace(/\s*\([^)]*\)\s*$/, '');

/** Two initials for an avatar. */
export const initials = (name) =>
  displayName(name)
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0].toUpperCase())
    .join('') || '?';
