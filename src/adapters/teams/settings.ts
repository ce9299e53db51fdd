/**
 * `settings` (pt-BR `configurações`) in Teams: the settings form as a card for admins, and its
 * Action.Execute submit saved through the same settings core as REST and Slack.
 */
import type { AdaptiveCardActionResponse } from '@microsoft/teams.api';
import { errorReply } from '../../core/bot/handle-event.js';
import { refuseWords } from '../../core/command-words.js';
import type { BotContext } from '../../core/chat/types.js';
import { t } from '../../core/i18n/index.js';
import { openSettingsForm, submitSettingsForm, summaryOf, type FormValues, type SettingsFormDeps } from '../../core/settings/index.js';
import { settingsViewerOf } from '../../core/settings/admins.js';
import { CARD } from './chat-platform.js';
import { cardInvoke, messageInvoke } from './invoke.js';
import type { NameOf } from './render/adaptive-card.js';
import { SETTINGS_VERB, settingsCard, settingsSavedCard } from './render/settings-card.js';

export { SETTINGS_VERB };

const WORDS = new Set(['settings', 'setting', 'configuracoes', 'configuracao', 'config']);

/** Whether a message (the bot's mention removed) asks for the settings. */
export function isSettingsMessage(text: string): boolean {
  const first = text.replace(/<at>[^<]*<\/at>/g, ' ').trim().split(/\s+/)[0] ?? '';
  const word = first.toLowerCase().replace(/^\//, '').normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return WORDS.has(word);
}

const placeholder = (ctx: BotContext) => t(ctx.locale, 'settings.form.id_kind.teams');
const refusal = (err: unknown, ctx: BotContext) => {
  const reply = errorReply(err, ctx);
  return { type: 'message' as const, text: reply.kind === 'notice' ? reply.notice.text : t(ctx.locale, 'error.internal') };
};

/** The answer to `settings`: the form card (admins) or a refusal in their language. */
export async function settingsMessage(deps: SettingsFormDeps, ctx: BotContext, nameOf: NameOf, text = '') {
  try {
    // the command takes no words: any after it are refused, naming them
    refuseWords(text.replace(/<at>[^<]*<\/at>/g, ' ').trim().split(/\s+/).filter(Boolean).slice(1), 'settings.form.example');
    const view = await openSettingsForm(deps, { tenantId: ctx.tenantId, viewer: await settingsViewerOf(deps, ctx), platform: 'teams', locale: ctx.locale });
    return { type: 'message' as const, attachments: [{ contentType: CARD, content: settingsCard(view, { nameOf, usersPlaceholder: placeholder(ctx) }) }] };
  } catch (err) {
    return refusal(err, ctx);
  }
}

/** The card's inputs (Action.Execute `data`): strings, and numbers as some hosts send them. */
function valuesOf(value: unknown): FormValues {
  const action = (value as { action?: { data?: unknown } } | null)?.action;
  const data = action?.data;
  const out: FormValues = {};
  if (data === null || typeof data !== 'object') return out;
  for (const [k, v] of Object.entries(data)) {
    if (k === 'value') continue;
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' && Number.isFinite(v)) out[k] = String(v);
  }
  return out;
}

/** The invoke's answer: a card replacing the form (saved, or the form again with the problems), or a refusal. */
export async function settingsInvoke(deps: SettingsFormDeps, ctx: BotContext, value: unknown, nameOf: NameOf): Promise<AdaptiveCardActionResponse> {
  try {
    const values = valuesOf(value);
    const result = await submitSettingsForm(deps, { tenantId: ctx.tenantId, viewer: await settingsViewerOf(deps, ctx), platform: 'teams', locale: ctx.locale, userId: ctx.userId, values });
    const card = result.ok
      ? settingsSavedCard(t(ctx.locale, 'settings.form.saved'), summaryOf(result.settings, ctx.locale))
      : settingsCard(result.form, { nameOf, usersPlaceholder: placeholder(ctx), errors: result.errors, refused: t(ctx.locale, 'settings.form.refused') });
    return cardInvoke(card);
  } catch (err) {
    return messageInvoke(refusal(err, ctx).text);
  }
}
