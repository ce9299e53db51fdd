/**
 * A Slack modal view as an overlay dialog: input blocks become form fields whose values are
 * sent back in Slack's `view.state.values` shape ({ block_id: { action_id: { type, … } } }).
 * Required fields are checked here first, as Slack's client does; the bot's own field errors
 * come back from the submit call and are shown under their fields.
 */
import { renderBlocks } from './blockkit.js';
import { h } from './dom.js';
import { emojify } from './mrkdwn.js';

const REQUIRED = 'Please complete this required field.';
let counter = 0;

const plain = (t, fallback = '') => emojify(String(t?.text ?? t ?? fallback));

/**
 * view: { title, submit, close, blocks }
 * opts: { users: [{ name, slackId }], blockCtx, onSubmit(values) → Promise<result>, onClose() }
 * result: { ok: true } | { errors: { block_id: message } } | { error: { message } }
 * Returns { el, focus() }; Escape is the caller's (focus may be outside the form).
 */
export function renderModal(view, viewId, opts) {
  const modalNo = ++counter;
  const fields = [];
  const body = h('div', { class: 'modal-body' });
  (view.blocks ?? []).forEach((block, i) => {
    if (block?.type === 'input') {
      const field = inputField(block, `m${modalNo}-${i}`, opts.users);
      fields.push(field);
      body.append(field.el);
    } else {
      body.append(...renderBlocks([block], opts.blockCtx).childNodes);
    }
  });

  const general = h('div', { class: 'modal-error', role: 'alert', hidden: true });
  const submit = view.submit || fields.length ? h('button', { type: 'submit', class: 'sk-btn sk-btn-primary', 'data-testid': 'modal-submit' }, plain(view.submit, 'Submit')) : null;
  const cancel = h('button', { type: 'button', class: 'sk-btn', 'data-testid': 'modal-close' }, plain(view.close, 'Cancel'));
  const closeX = h('button', { type: 'button', class: 'modal-x', 'aria-label': 'Close' }, '×');
  const titleId = `m${modalNo}-title`;
  const form = h(
    'form',
    { class: 'modal', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId, 'data-testid': 'modal', 'data-id': viewId, novalidate: true },
    h('header', { class: 'modal-head' }, h('h2', { id: titleId }, plain(view.title, 'Form')), closeX),
    body,
    h('footer', { class: 'modal-foot' }, general, cancel, submit),
  );
  const backdrop = h('div', { class: 'modal-backdrop' }, form);

  const close = () => opts.onClose();
  cancel.addEventListener('click', close);
  closeX.addEventListener('click', close);

  const showGeneral = (message) => {
    general.textContent = message ?? '';
    general.hidden = !message;
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (submit?.disabled) return;
    showGeneral('');
    for (const f of fields) f.setError('');
    const missing = fields.filter((f) => !f.optional && f.isEmpty());
    for (const f of missing) f.setError(REQUIRED);
    const invalid = fields.filter((f) => !f.isEmpty() && f.invalid());
    for (const f of invalid) f.setError(f.invalid());
    if (missing.length || invalid.length) return (missing[0] ?? invalid[0]).focus();

    const values = {};
    for (const f of fields) (values[f.blockId] ??= {})[f.actionId] = f.read();
    if (submit) submit.disabled = true;
    let result;
    try {
      result = await opts.onSubmit(values);
    } catch (err) {
      result = { error: { message: err?.message ?? String(err) } };
    } finally {
      if (submit) submit.disabled = false;
    }
    if (result?.errors && Object.keys(result.errors).length) {
      const unplaced = [];
      for (const [blockId, message] of Object.entries(result.errors)) {
        const f = fields.find((x) => x.blockId === blockId);
        if (f) f.setError(message);
        else unplaced.push(message);
      }
      showGeneral(unplaced.join(' '));
      fields.find((f) => f.hasError())?.focus();
    } else if (result?.error) {
      showGeneral(result.error.message ?? 'Could not submit the form.');
    } else {
      close();
    }
  });

  return { el: backdrop, focus: () => (fields[0] ?? { focus: () => (submit ?? cancel).focus() }).focus() };
}

/** One input block: label, control, hint and a place for its error. */
function inputField(block, id, users) {
  const e = block.element ?? {};
  const blockId = block.block_id ?? id;
  const actionId = e.action_id ?? `${id}-a`;
  const placeholder = e.placeholder ? plain(e.placeholder) : null;
  const optional = !!block.optional;
  const common = { id, name: actionId, 'data-block-id': blockId, 'data-action-id': actionId, 'aria-describedby': `${id}-err` };
  const userOptions = (selected) => users.map((u) => h('option', { value: u.slackId, selected: selected.includes(u.slackId) }, u.name));
  let control;
  let read;
  let isEmpty;
  let invalid = () => '';

  switch (e.type) {
    case 'number_input': {
      control = h('input', { ...common, type: 'number', step: e.is_decimal_allowed ? 'any' : '1', min: e.min_value ?? null, max: e.max_value ?? null, placeholder, value: e.initial_value ?? null });
      read = () => ({ type: e.type, value: control.value.trim() || null });
      // a native number field reports typed junk as an empty value: badInput tells the two apart
      isEmpty = () => control.value.trim() === '' && !control.validity.badInput;
      invalid = () => {
        const n = Number(control.value);
        if (control.validity.badInput || Number.isNaN(n)) return 'Please enter a number.';
        if (!e.is_decimal_allowed && !Number.isInteger(n)) return 'Please enter a whole number.';
        if (e.min_value !== undefined && n < Number(e.min_value)) return `The minimum is ${e.min_value}.`;
        if (e.max_value !== undefined && n > Number(e.max_value)) return `The maximum is ${e.max_value}.`;
        return '';
      };
      break;
    }
    case 'datepicker':
      control = h('input', { ...common, type: 'date', value: e.initial_date ?? null });
      read = () => ({ type: e.type, selected_date: control.value || null });
      isEmpty = () => !control.value;
      break;
    case 'timepicker':
      control = h('input', { ...common, type: 'time', value: e.initial_time ?? null });
      read = () => ({ type: e.type, selected_time: control.value ? control.value.slice(0, 5) : null });
      isEmpty = () => !control.value;
      break;
    case 'users_select':
      control = h('select', { ...common, value: e.initial_user ?? '' }, h('option', { value: '' }, placeholder ?? 'Select a person'), userOptions([e.initial_user]));
      read = () => ({ type: e.type, selected_user: control.value || null });
      isEmpty = () => !control.value;
      break;
    case 'multi_users_select':
      control = h('select', { ...common, multiple: true, size: Math.min(Math.max(users.length, 2), 6) }, userOptions(e.initial_users ?? []));
      read = () => ({ type: e.type, selected_users: [...control.selectedOptions].map((o) => o.value) });
      isEmpty = () => control.selectedOptions.length === 0;
      break;
    case 'static_select': {
      const options = (e.option_groups ?? []).flatMap((g) => g.options ?? []).concat(e.options ?? []);
      control = h(
        'select',
        { ...common, value: e.initial_option?.value ?? '' },
        h('option', { value: '' }, placeholder ?? 'Select an option'),
        options.map((o) => h('option', { value: o.value }, plain(o.text))),
      );
      read = () => {
        const o = options.find((x) => x.value === control.value);
        return { type: e.type, selected_option: o ? { text: o.text, value: o.value } : null };
      };
      isEmpty = () => !control.value;
      break;
    }
    default: {
      // plain_text_input (and anything unknown, typed as text so the form stays usable)
      const attrs = { ...common, placeholder, maxlength: e.max_length ?? null, minlength: e.min_length ?? null };
      control = e.multiline ? h('textarea', { ...attrs, rows: 4 }) : h('input', { ...attrs, type: 'text' });
      control.value = e.initial_value ?? '';
      read = () => ({ type: e.type ?? 'plain_text_input', value: control.value === '' ? null : control.value });
      isEmpty = () => control.value.trim() === '';
      if (e.min_length) invalid = () => (control.value.length < e.min_length ? `Please enter at least ${e.min_length} characters.` : '');
    }
  }

  const error = h('div', { class: 'field-error', id: `${id}-err`, 'data-testid': 'field-error', hidden: true });
  const el = h(
    'div',
    { class: 'field', 'data-block-id': blockId },
    h('label', { for: id, class: 'field-label' }, plain(block.label), optional ? h('span', { class: 'field-optional' }, ' (optional)') : null),
    control,
    block.hint ? h('div', { class: 'field-hint' }, plain(block.hint)) : null,
    error,
  );
  return {
    el,
    blockId,
    actionId,
    optional,
    read,
    isEmpty,
    invalid,
    focus: () => control.focus(),
    hasError: () => !error.hidden,
    setError(message) {
      error.textContent = message ?? '';
      error.hidden = !message;
      el.classList.toggle('has-error', !!message);
      control.setAttribute('aria-invalid', message ? 'true' : 'false');
    },
  };
}
