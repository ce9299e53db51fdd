/* global document, window, location */
/**
 * The console page: pick a look (Slack or Teams), a demo user, a language and a conversation,
 * type commands, click buttons, fill modals and cards. What the bot sends arrives through the
 * feed (polled), in order; updates replace their message in place.
 */
import { renderAdaptiveCard, isAdaptiveCard, teamsMarkdown } from './adaptive.js';
import { api } from './api.js';
import { renderBlocks } from './blockkit.js';
import { destroyCharts } from './charts.js';
import { clock, displayName, h, initials } from './dom.js';
import { renderModal } from './modal.js';
import { renderMrkdwn } from './mrkdwn.js';
import { openSettings } from './settings.js';

const POLL_MS = 400;
const BOT_NAME = 'CS Ops Bot';
/** a command to try, by language (periods are typed in the user's language) */
const EXAMPLE = { 'pt-BR': '/kpi semana', en: '/kpi week' };

const $ = (id) => document.getElementById(id);
const ui = {
  look: $('look'),
  user: $('user'),
  lang: $('lang'),
  conversation: $('conversation'),
  messages: $('messages'),
  composer: $('composer'),
  command: $('command'),
  send: $('send'),
  toast: $('toast'),
  status: $('status'),
  modalRoot: $('modal-root'),
  settingsRoot: $('settings-root'),
  openSettings: $('open-settings'),
  title: $('chat-title'),
  sub: $('chat-sub'),
};

const state = {
  users: [],
  conversations: [],
  seq: 0,
  /** the first feed answer is history: modals in it were opened by an earlier page… */
  historyLoaded: false,
  /** …unless this page has already sent something that may have opened one */
  interacted: false,
  /** every message in arrival order: { key, item, at, edited } from the feed, { key, own } typed here */
  entries: [],
  byKey: new Map(),
  /** key → element, for the messages of the current view */
  nodes: new Map(),
  /** open Slack modals (feed items), oldest first; the newest one of the selected user shows */
  modals: [],
  shownModal: null,
  typed: [],
  typedPos: 0,
  ownCount: 0,
};

/* ---------- who, where ---------- */

const look = () => ui.look.value;
const me = () => state.users.find((u) => u.key === ui.user.value);
const userBySlackId = (id) => state.users.find((u) => u.slackId === id);
const isDm = (platform, id) => (platform === 'slack' ? /^D/.test(id ?? '') : String(id ?? '').startsWith('a:'));

function inSelectedConversation(platform, id) {
  const selected = ui.conversation.value;
  return selected === 'DM' ? isDm(platform, id) : id === selected;
}

function visible(entry) {
  if (entry.own) {
    const o = entry.own;
    // a DM typed by someone else is not this user's DM
    return o.platform === look() && o.conversation === ui.conversation.value && (o.conversation !== 'DM' || o.user === ui.user.value);
  }
  const it = entry.item;
  return it.platform === look() && (!it.forUser || it.forUser === ui.user.value) && inSelectedConversation(it.platform, it.conversation);
}

/** Fields every action carries; the conversation is the message's own (a DM's real id too). */
const who = () => ({ user: ui.user.value, locale: ui.lang.value });
const conversationOf = (item) => item.conversation || ui.conversation.value;

/* ---------- rendering ---------- */

/** Slack message ts "1712345678.000100" is a time; other ids are not. */
function timeOf(entry) {
  const ts = /^(\d{9,})\.\d+$/.exec(entry.item?.id ?? '');
  return ts ? new Date(Number(ts[1]) * 1000) : entry.at;
}

function frame(entry, { author, avatar, avatarClass, badge, testid, id, own }, ...content) {
  return h(
    'article',
    { class: `msg ${own ? 'msg-own' : 'msg-bot'}${entry.item?.kind === 'ephemeral' ? ' msg-ephemeral' : ''}`, 'data-testid': testid, 'data-id': id, 'data-kind': entry.item?.kind ?? 'own' },
    h('div', { class: `avatar ${avatarClass}`, 'aria-hidden': 'true' }, avatar),
    h(
      'div',
      { class: 'msg-main' },
      h(
        'div',
        { class: 'msg-meta' },
        h('span', { class: 'msg-author' }, author),
        badge ? h('span', { class: 'badge' }, badge) : null,
        h('time', { class: 'msg-time' }, clock(timeOf(entry))),
        entry.edited ? h('span', { class: 'msg-edited' }, '(edited)') : null,
      ),
      entry.item?.kind === 'ephemeral' ? h('div', { class: 'ephemeral-note', 'data-testid': 'ephemeral' }, h('span', { 'aria-hidden': 'true' }, '👁 '), 'Only visible to you') : null,
      content,
    ),
  );
}

function renderOwn(entry) {
  const o = entry.own;
  const user = state.users.find((u) => u.key === o.user);
  const name = displayName(user?.name ?? o.user);
  return frame(
    entry,
    { author: name, avatar: initials(name), avatarClass: 'avatar-user', testid: 'own-message', id: entry.key, own: true },
    h('div', { class: 'msg-text own-text' }, o.text),
    o.error ? h('div', { class: 'msg-error' }, `⚠ Not sent: ${o.error}`) : null,
  );
}

function slackCtx(item) {
  return {
    userName: (id) => userBySlackId(id)?.name,
    meSlackId: me()?.slackId,
    channelName: (id) => state.conversations.find((c) => c.id === id)?.name,
    onAction: (action, button) => (item ? slackAction(item, action, button) : toast('Buttons inside a modal are not emulated by the console.')),
  };
}

function renderSlack(entry) {
  const item = entry.item;
  const p = item.payload ?? {};
  const ctx = slackCtx(item);
  const body = Array.isArray(p.blocks) && p.blocks.length ? renderBlocks(p.blocks, ctx) : h('div', { class: 'sk-text' }, renderMrkdwn(p.text ?? '', ctx));
  return frame(entry, { author: BOT_NAME, avatar: 'CS', avatarClass: 'avatar-bot', badge: 'APP', testid: 'message', id: item.id }, body);
}

function renderTeams(entry) {
  const item = entry.item;
  const p = item.payload ?? {};
  const parts = [];
  if (p.text) {
    const bubble = h('div', { class: 'tm-bubble' });
    // teamsMarkdown escapes the text before adding its own tags
    bubble.innerHTML = teamsMarkdown(p.text);
    parts.push(bubble);
  }
  for (const a of Array.isArray(p.attachments) ? p.attachments : []) {
    if (isAdaptiveCard(a)) {
      parts.push(
        renderAdaptiveCard(a.content, {
          users: state.users,
          onExecute: (exec, button) => teamsAction(item, exec, button),
          onOpenUrl: (url) => openUrl(url),
        }),
      );
    } else {
      const url = /^https?:/i.test(a?.contentUrl ?? '') ? a.contentUrl : null;
      parts.push(h('div', { class: 'tm-attachment' }, '📎 ', url ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, a.name ?? url) : (a?.name ?? a?.contentType ?? 'attachment')));
    }
  }
  if (!parts.length) parts.push(h('div', { class: 'tm-bubble tm-empty' }, '(empty message)'));
  return frame(entry, { author: BOT_NAME, avatar: 'CS', avatarClass: 'avatar-bot', badge: 'Bot', testid: 'message', id: item.id }, parts);
}

const renderEntry = (entry) => (entry.own ? renderOwn(entry) : entry.item.platform === 'teams' ? renderTeams(entry) : renderSlack(entry));

const nearBottom = () => ui.messages.scrollHeight - ui.messages.scrollTop - ui.messages.clientHeight < 80;
/** whether the list was at its bottom when last scrolled: late content keeps it there */
let stuck = true;
const toBottom = () => {
  ui.messages.scrollTop = ui.messages.scrollHeight;
  stuck = true;
};

function renderAll() {
  destroyCharts(ui.messages);
  ui.messages.replaceChildren();
  state.nodes.clear();
  for (const entry of state.entries) if (visible(entry)) appendNode(entry);
  updateEmpty();
  updateChrome();
  toBottom();
}

function appendNode(entry) {
  const node = renderEntry(entry);
  ui.messages.append(node);
  state.nodes.set(entry.key, node);
}

/** An updated message keeps its place; one that became visible needs the full order. */
function refreshNode(entry) {
  const old = state.nodes.get(entry.key);
  if (!old) return visible(entry) ? renderAll() : undefined;
  destroyCharts(old);
  if (visible(entry)) {
    const node = renderEntry(entry);
    old.replaceWith(node);
    state.nodes.set(entry.key, node);
  } else {
    old.remove();
    state.nodes.delete(entry.key);
  }
}

function updateEmpty() {
  let empty = ui.messages.querySelector('.empty');
  if (state.nodes.size) return empty?.remove();
  if (!empty) ui.messages.append((empty = h('div', { class: 'empty', 'data-testid': 'empty' })));
  empty.textContent = `No messages here yet. Try ${example()}.`;
}

/** Title, placeholder and styling of the selected look and conversation. */
function updateChrome() {
  const teams = look() === 'teams';
  document.body.classList.toggle('look-slack', !teams);
  document.body.classList.toggle('look-teams', teams);
  const dm = ui.conversation.value === 'DM';
  const channel = state.conversations.find((c) => c.id === ui.conversation.value)?.name ?? ui.conversation.value;
  const name = channel.replace(/^#/, '');
  ui.title.textContent = dm ? BOT_NAME : teams ? name : `#${name}`;
  ui.sub.textContent = dm ? (teams ? 'Chat' : 'Direct message') : teams ? 'Posts' : '';
  ui.command.placeholder = teams ? `Type a message${dm ? ` to ${BOT_NAME}` : ''} (e.g. ${example()} — the slash is optional)` : `Message ${dm ? BOT_NAME : `#${name}`} (e.g. ${example()})`;
}

/** In Teams the slash is optional, so the example goes without it. */
const example = () => {
  const text = EXAMPLE[ui.lang.value] ?? EXAMPLE.en;
  return look() === 'teams' ? text.slice(1) : text;
};

/* ---------- feed ---------- */

function ingest(item, changes) {
  if (item.kind === 'modal') {
    // a modal from history was opened by an earlier page: it stays closed
    if ((state.historyLoaded || state.interacted) && item.platform === 'slack') openModal(item);
    return;
  }
  const key = `${item.platform}:${item.id}`;
  const entry = state.byKey.get(key);
  if (entry) {
    // an update (or the same id again) replaces the message; it stays what it was (e.g. ephemeral)
    entry.item = { ...item, kind: entry.item.kind, forUser: item.forUser ?? entry.item.forUser, conversation: item.conversation || entry.item.conversation };
    entry.edited = entry.edited || item.kind === 'update';
    changes.updated.add(entry);
  } else {
    // an update of a message we never saw (older than the feed keeps) shows as a message
    const fresh = { key, item: { ...item, kind: item.kind === 'update' ? 'message' : item.kind }, at: new Date(), edited: item.kind === 'update' };
    state.entries.push(fresh);
    state.byKey.set(key, fresh);
    changes.added.push(fresh);
  }
}

async function poll() {
  const res = await api.feed(state.seq);
  if (res.error) {
    setStatus('offline', `offline — ${res.error.message}`);
  } else {
    setStatus('live', 'live');
    if (typeof res.seq === 'number' && res.seq < state.seq) {
      // the backend restarted and its feed began again: drop what came from the old one
      resetFeed();
    } else {
      const changes = { added: [], updated: new Set() };
      for (const item of Array.isArray(res.items) ? res.items : []) {
        ingest(item, changes);
        state.seq = Math.max(state.seq, Number(item.seq) || 0);
      }
      state.seq = Math.max(state.seq, Number(res.seq) || 0);
      state.historyLoaded = true;
      applyChanges(changes);
    }
  }
  window.setTimeout(poll, POLL_MS);
}

function applyChanges({ added, updated }) {
  if (!added.length && !updated.size) return;
  const fresh = new Set(added);
  // an update that brings an off-screen message into view needs its place in the order
  if ([...updated].some((e) => !fresh.has(e) && !state.nodes.has(e.key) && visible(e))) return renderAll();
  const stick = stuck || nearBottom();
  for (const entry of updated) if (!fresh.has(entry)) refreshNode(entry);
  let appended = false;
  for (const entry of added) {
    if (!visible(entry)) continue;
    appendNode(entry);
    appended = true;
  }
  updateEmpty();
  if (appended || stick) toBottom();
}

function resetFeed() {
  state.entries = state.entries.filter((e) => e.own);
  state.byKey.clear();
  state.seq = 0;
  state.historyLoaded = false;
  state.modals = [];
  syncModal();
  renderAll();
}

function setStatus(kind, text) {
  if (ui.status.dataset.state === kind && ui.status.textContent === text) return;
  ui.status.dataset.state = kind;
  ui.status.textContent = text;
}

/* ---------- sending ---------- */

async function send(raw) {
  const text = raw.trim();
  if (!text) return;
  if (!state.users.length) return toast('The demo users are still loading — try again in a moment.');
  state.interacted = true;
  const own = { platform: look(), conversation: ui.conversation.value, user: ui.user.value, text };
  const entry = { key: `local-${++state.ownCount}`, own, at: new Date() };
  state.entries.push(entry);
  appendNode(entry);
  updateEmpty();
  toBottom();
  ui.command.value = '';
  state.typed.push(text);
  state.typedPos = state.typed.length;
  const res = await api.send({ platform: own.platform, ...who(), conversation: own.conversation, text });
  if (res.error) {
    own.error = res.error.message;
    refreshNode(entry);
    toast(res.error.message);
  }
}

function openUrl(url) {
  if (/^(https?:|mailto:)/i.test(url ?? '')) window.open(url, '_blank', 'noopener,noreferrer');
}

/** Disables the clicked button while its action is on its way (a double click sends once). */
async function busy(button, run) {
  state.interacted = true;
  if (button) {
    button.disabled = true;
    button.classList.add('is-busy');
  }
  try {
    const res = await run();
    if (res?.error) toast(res.error.message);
  } finally {
    if (button) {
      button.disabled = false;
      button.classList.remove('is-busy');
    }
  }
}

function slackAction(item, { actionId, value, url }, button) {
  // a link button opens its page and, as in Slack, still sends the click
  if (url) openUrl(url);
  return busy(button, () => api.action({ platform: 'slack', ...who(), conversation: conversationOf(item), messageId: item.id, actionId, value: value ?? '' }));
}

function teamsAction(item, { verb, data }, button) {
  return busy(button, () => api.action({ platform: 'teams', ...who(), conversation: conversationOf(item), messageId: item.id, verb, data }));
}

/* ---------- Slack modals ---------- */

function openModal(item) {
  const i = state.modals.findIndex((m) => m.id === item.id);
  if (i >= 0) state.modals[i] = item;
  else state.modals.push(item);
  syncModal();
}

/** Shows the newest open modal of the selected user (Slack look only), or none. */
function syncModal() {
  const want = look() === 'slack' ? [...state.modals].reverse().find((m) => !m.forUser || m.forUser === ui.user.value) : undefined;
  if (state.shownModal?.item === want) return;
  state.shownModal?.el.remove();
  state.shownModal = null;
  document.body.classList.toggle('has-modal', !!want);
  if (!want) return;
  const modal = renderModal(want.payload ?? {}, want.id, {
    users: state.users,
    blockCtx: slackCtx(null),
    onSubmit: (values) => api.submit({ platform: 'slack', user: want.forUser ?? ui.user.value, locale: ui.lang.value, viewId: want.id, values }),
    onClose: () => closeModal(want.id),
  });
  ui.modalRoot.append(modal.el);
  state.shownModal = { item: want, el: modal.el };
  modal.focus();
}

function closeModal(id) {
  state.modals = state.modals.filter((m) => m.id !== id);
  syncModal();
  ui.command.focus();
}

/* ---------- errors ---------- */

let toastTimer = 0;
function toast(message) {
  ui.toast.textContent = message;
  ui.toast.hidden = false;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => {
    ui.toast.hidden = true;
  }, 6000);
}

/* ---------- start ---------- */

function fillSelect(select, options, fallback) {
  const previous = select.value || fallback;
  select.replaceChildren(...options.map((o) => h('option', { value: o.value }, o.label)));
  select.value = options.some((o) => o.value === previous) ? previous : (options[0]?.value ?? '');
}

async function loadSession() {
  const res = await api.session();
  if (res.error) {
    toast(`Could not load the demo session: ${res.error.message}`);
    window.setTimeout(loadSession, 2000);
    return;
  }
  const params = new URLSearchParams(location.search);
  state.users = Array.isArray(res.users) ? res.users : [];
  if (Array.isArray(res.conversations) && res.conversations.length) state.conversations = res.conversations;
  fillSelect(ui.user, state.users.map((u) => ({ value: u.key, label: u.name })), params.get('user'));
  fillSelect(ui.conversation, state.conversations.map((c) => ({ value: c.id, label: c.name })), params.get('conversation'));
  // ?look=teams&lang=en&user=agent&conversation=DM preselects, for links and demos
  for (const [select, key] of [[ui.look, 'look'], [ui.lang, 'lang']]) {
    const wanted = params.get(key);
    if (wanted && [...select.options].some((o) => o.value === wanted)) select.value = wanted;
  }
  ui.send.disabled = false;
  renderAll();
  syncModal();
}

function start() {
  state.conversations = [...ui.conversation.options].map((o) => ({ id: o.value, name: o.textContent }));
  for (const select of [ui.look, ui.user, ui.conversation]) {
    select.addEventListener('change', () => {
      renderAll();
      syncModal();
    });
  }
  ui.lang.addEventListener('change', () => {
    updateChrome();
    updateEmpty();
  });
  ui.composer.addEventListener('submit', (e) => {
    e.preventDefault();
    send(ui.command.value);
  });
  ui.openSettings.addEventListener('click', () => openSettings({ root: ui.settingsRoot, platform: look(), lang: ui.lang.value, toast }));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && state.shownModal) closeModal(state.shownModal.item.id);
  });
  // ↑ / ↓ walk through the commands typed before
  ui.command.addEventListener('keydown', (e) => {
    if ((e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || !state.typed.length) return;
    e.preventDefault();
    state.typedPos = Math.min(state.typed.length, Math.max(0, state.typedPos + (e.key === 'ArrowUp' ? -1 : 1)));
    ui.command.value = state.typed[state.typedPos] ?? '';
  });
  // images (other than charts) load late and push the list: keep the newest message in view
  ui.messages.addEventListener('scroll', () => {
    stuck = nearBottom();
  });
  ui.messages.addEventListener('load', () => stuck && toBottom(), true);
  updateChrome();
  updateEmpty();
  loadSession();
  poll();
  ui.command.focus();
}

start();
