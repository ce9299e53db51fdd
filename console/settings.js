/**
 * The Settings page of the console's demo tenant (the look's: Slack or Teams): the fields of
 * PATCH /api/v1/settings, read and saved through the console backend (same use-cases and
 * schema). A 400 comes back as messages per field, shown in the field's section.
 */
import { api } from './api.js';
import { h } from './dom.js';

const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const SECTIONS = ['timezone', 'locale', 'targets', 'slaPolicy', 'businessHours', 'holidays', 'roles', 'body'];

/** "60" → 60; anything else is sent as typed, so the service names what is wrong with it */
const num = (v) => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);
const list = (text) => text.split(/[\s,;]+/).filter(Boolean);
/** "targets.csat.score" / "holidays[2]" → the section it is shown in */
const sectionOf = (field) => (SECTIONS.includes(field.split(/[.[]/)[0]) ? field.split(/[.[]/)[0] : 'body');

function field(label, input) {
  return h('label', { class: 'settings-field' }, h('span', {}, label), input);
}

function errorBox(section) {
  return h('ul', { class: 'settings-errors', 'data-testid': `errors-${section}`, hidden: true });
}

function targetRow(kpiPaths, kpi = '', target = { op: '>=', value: '' }) {
  const row = h(
    'div',
    { class: 'target-row', 'data-testid': 'target-row' },
    h('select', { 'data-testid': 'target-kpi', 'aria-label': 'KPI', value: kpi }, h('option', { value: '' }, '— KPI —'), kpiPaths.map((p) => h('option', { value: p }, p))),
    h('select', { 'data-testid': 'target-op', 'aria-label': 'Operator', value: target.op }, h('option', { value: '>=' }, '≥'), h('option', { value: '<=' }, '≤')),
    h('input', { 'data-testid': 'target-value', 'aria-label': 'Value', inputmode: 'decimal', value: String(target.value) }),
  );
  row.append(h('button', { type: 'button', class: 'settings-link', 'data-testid': 'target-remove', onclick: () => row.remove() }, 'Remove'));
  return row;
}

/** The form's elements, filled from the settings; `read()` gives the PATCH body. */
function buildForm(data) {
  const s = data.settings;
  const el = {
    timezone: h('input', { 'data-testid': 'settings-timezone', value: s.timezone }),
    locale: h('select', { 'data-testid': 'settings-locale', value: s.locale }, h('option', { value: 'pt-BR' }, 'pt-BR'), h('option', { value: 'en' }, 'en')),
    targets: h('div', { class: 'targets' }, Object.entries(s.targets).map(([kpi, t]) => targetRow(data.kpiPaths, kpi, t))),
    sla: Object.fromEntries(
      PRIORITIES.map((p) => [
        p,
        {
          first: h('input', { 'data-testid': `sla-${p}-first`, 'aria-label': `${p} first response`, inputmode: 'numeric', value: String(s.slaPolicy[p].firstResponseMinutes) }),
          resolution: h('input', { 'data-testid': `sla-${p}-resolution`, 'aria-label': `${p} resolution`, inputmode: 'numeric', value: String(s.slaPolicy[p].resolutionMinutes) }),
        },
      ]),
    ),
    always: h('input', { type: 'checkbox', 'data-testid': 'hours-24x7', checked: s.businessHours === null }),
    days: Object.fromEntries(WEEKDAYS.map((d) => [d, h('input', { type: 'checkbox', 'data-testid': `hours-day-${d}`, checked: (s.businessHours?.days ?? ['mon', 'tue', 'wed', 'thu', 'fri']).includes(d) })])),
    from: h('input', { 'data-testid': 'hours-from', value: s.businessHours?.from ?? '09:00', 'aria-label': 'from' }),
    to: h('input', { 'data-testid': 'hours-to', value: s.businessHours?.to ?? '18:00', 'aria-label': 'to' }),
    holidays: h('textarea', { 'data-testid': 'settings-holidays', rows: 2, placeholder: '2026-12-25 2027-01-01', value: s.holidays.join(' ') }),
    admins: h('textarea', { 'data-testid': 'settings-admins', rows: 2, value: s.roles.admins.join(' ') }),
    supervisors: h('textarea', { 'data-testid': 'settings-supervisors', rows: 2, value: s.roles.supervisors.join(' ') }),
  };
  const read = () => {
    const targets = {};
    for (const kpi of Object.keys(s.targets)) targets[kpi] = null;
    for (const row of el.targets.querySelectorAll('[data-testid="target-row"]')) {
      const kpi = row.querySelector('[data-testid="target-kpi"]').value;
      if (kpi) targets[kpi] = { op: row.querySelector('[data-testid="target-op"]').value, value: num(row.querySelector('[data-testid="target-value"]').value) };
    }
    return {
      timezone: el.timezone.value.trim(),
      locale: el.locale.value,
      targets,
      slaPolicy: Object.fromEntries(PRIORITIES.map((p) => [p, { firstResponseMinutes: num(el.sla[p].first.value), resolutionMinutes: num(el.sla[p].resolution.value) }])),
      businessHours: el.always.checked ? null : { days: WEEKDAYS.filter((d) => el.days[d].checked), from: el.from.value.trim(), to: el.to.value.trim() },
      holidays: list(el.holidays.value),
      roles: { admins: list(el.admins.value), supervisors: list(el.supervisors.value) },
    };
  };
  return { el, read };
}

function layout(data, form, errors, onSave, onClose) {
  const { el } = form;
  const section = (title, key, ...children) => h('fieldset', { class: 'settings-section', 'data-section': key }, h('legend', {}, title), ...children, errors[key]);
  const addTarget = h('button', { type: 'button', class: 'settings-link', 'data-testid': 'add-target', onclick: () => el.targets.append(targetRow(data.kpiPaths)) }, '+ Add a target');
  const slaTable = h(
    'table',
    { class: 'sla-table' },
    h('tr', {}, h('th', {}, 'Priority'), h('th', {}, 'First response (min)'), h('th', {}, 'Resolution (min)')),
    PRIORITIES.map((p) => h('tr', {}, h('td', {}, p), h('td', {}, el.sla[p].first), h('td', {}, el.sla[p].resolution))),
  );
  const days = h('div', { class: 'days' }, WEEKDAYS.map((d) => h('label', {}, el.days[d], d)));
  const saved = h('span', { class: 'settings-saved', 'data-testid': 'settings-saved', hidden: true }, 'Saved ✓');
  const save = h('button', { type: 'submit', class: 'settings-save', 'data-testid': 'settings-save' }, 'Save');
  const formEl = h(
    'form',
    { class: 'settings-form', onsubmit: (e) => (e.preventDefault(), onSave(save, saved)) },
    section('Time zone and language', 'timezone', field('Time zone (IANA)', el.timezone), field('Language', el.locale), errors['locale']),
    section('KPI targets', 'targets', h('p', { class: 'settings-hint' }, 'In the unit of GET /api/v1/kpis: rates 0..1 (csat.score 0.85), minutes (firstResponseMinutes.median 60).'), el.targets, addTarget),
    section('SLA per priority', 'slaPolicy', slaTable),
    section('Business hours', 'businessHours', h('label', {}, el.always, ' 24×7 (no business hours)'), days, h('div', { class: 'hours' }, field('From', el.from), field('To', el.to))),
    section('Holidays (YYYY-MM-DD)', 'holidays', el.holidays),
    section('Roles (Slack user or group ids, Teams AAD object ids)', 'roles', field('Admins', el.admins), field('Supervisors', el.supervisors)),
    errors['body'],
    h('div', { class: 'settings-actions' }, save, saved),
  );
  const close = h('button', { type: 'button', class: 'settings-link', 'data-testid': 'settings-close', onclick: onClose }, 'Close');
  const title = `Settings — demo tenant ${data.tenantId} (${data.platform === 'slack' ? 'Slack' : 'Teams'})`;
  return h('section', { class: 'settings', role: 'dialog', 'aria-label': 'Settings', 'data-testid': 'settings' }, h('header', { class: 'settings-head' }, h('h2', {}, title), close), formEl);
}

function showErrors(errors, fieldErrors) {
  for (const box of Object.values(errors)) {
    box.replaceChildren();
    box.hidden = true;
  }
  for (const [fieldPath, messages] of Object.entries(fieldErrors ?? {})) {
    const box = errors[sectionOf(fieldPath)];
    for (const m of messages) box.append(h('li', {}, m));
    box.hidden = false;
  }
}

/** Opens the page in `root` for the look's tenant; messages in `lang`. */
export async function openSettings({ root, platform, lang, toast }) {
  const data = await api.settings(platform, lang);
  if (data.error) return toast(data.error.message);
  const form = buildForm(data);
  const errors = Object.fromEntries(SECTIONS.map((k) => [k, errorBox(k)]));
  const onSave = async (button, saved) => {
    button.disabled = true;
    saved.hidden = true;
    const answer = await api.saveSettings(platform, lang, form.read());
    button.disabled = false;
    showErrors(errors, answer.fieldErrors ?? (answer.error ? { body: [answer.error.message] } : null));
    if (answer.settings) saved.hidden = false;
  };
  root.replaceChildren(layout(data, form, errors, onSave, () => root.replaceChildren()));
  root.querySelector('input')?.focus();
}
