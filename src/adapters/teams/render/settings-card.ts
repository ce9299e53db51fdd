/** The settings form (core/settings/form.ts) as an Adaptive Card 1.5 with Universal Actions. */
import type { SettingsField, SettingsFormView, SettingsSummary } from '../../../core/settings/index.js';
import type { NameOf } from './adaptive-card.js';

type Json = Record<string, unknown>;
export const SETTINGS_VERB = 'settings.save';

const choices = (f: SettingsField) => (f.options ?? []).map((o) => ({ title: o.label, value: o.value }));

/** One field's input; people are AAD object ids (the people picker searches the directory). */
function input(f: SettingsField, nameOf: NameOf, placeholder: string): Json {
  const common = { id: f.id, label: f.label };
  const first = f.initial[0];
  switch (f.kind) {
    case 'select':
      return { type: 'Input.ChoiceSet', ...common, style: 'compact', choices: choices(f), ...(first ? { value: first } : {}) };
    case 'checkboxes':
      return { type: 'Input.ChoiceSet', ...common, style: 'expanded', isMultiSelect: true, choices: choices(f), value: f.initial.join(',') };
    case 'number':
      return { type: 'Input.Number', ...common, min: 1, ...(first && Number.isFinite(Number(first)) ? { value: Number(first) } : {}) };
    case 'time':
      return { type: 'Input.Time', ...common, ...(first ? { value: first } : {}) };
    case 'users':
      // a choice set needs a choice: with nobody yet the ids are typed
      if (!f.initial.length) return { type: 'Input.Text', ...common, placeholder };
      return {
        type: 'Input.ChoiceSet',
        ...common,
        isMultiSelect: true,
        choices: f.initial.map((id) => ({ title: nameOf(id) ?? id, value: id })),
        'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
        value: f.initial.join(','),
      };
    case 'text':
    case 'multiline':
      return { type: 'Input.Text', ...common, isMultiline: f.kind === 'multiline', ...(f.maxLength ? { maxLength: f.maxLength } : {}), ...(first ? { value: first } : {}) };
  }
}

const note = (text: string, color?: string): Json => ({ type: 'TextBlock', text, wrap: true, size: 'Small', spacing: 'None', ...(color ? { color } : { isSubtle: true }) });

/** The form; `errors` (by field id) are shown under their fields, `refused` above everything. */
export function settingsCard(view: SettingsFormView, o: { nameOf: NameOf; usersPlaceholder: string; errors?: Record<string, string>; refused?: string }): Json {
  const body: Json[] = [{ type: 'TextBlock', text: view.title, size: 'Large', weight: 'Bolder', wrap: true }];
  if (o.refused) body.push({ type: 'TextBlock', text: o.refused, color: 'Attention', weight: 'Bolder', wrap: true });
  for (const s of view.sections) {
    body.push({ type: 'TextBlock', text: s.title, weight: 'Bolder', wrap: true, separator: true, spacing: 'Medium' });
    for (const f of s.fields) {
      body.push(input(f, o.nameOf, o.usersPlaceholder));
      if (f.hint) body.push(note(f.hint));
      const error = o.errors?.[f.id];
      if (error) body.push(note(error, 'Attention'));
    }
  }
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    speak: view.title,
    body,
    actions: [{ type: 'Action.Execute', title: view.submit, verb: SETTINGS_VERB, style: 'positive', data: { value: '' } }],
  };
}

/** What was saved: a short card that replaces the form. */
export function settingsSavedCard(saved: string, summary: SettingsSummary): Json {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    speak: saved,
    body: [
      { type: 'TextBlock', text: saved, size: 'Large', weight: 'Bolder', color: 'Good', wrap: true },
      ...summary.lines.map((l) => ({ type: 'TextBlock', text: l, wrap: true, spacing: 'Small' })),
    ],
  };
}
