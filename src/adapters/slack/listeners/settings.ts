import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { errorReply } from '../../../core/bot/handle-event.js';
import { refuseWords } from '../../../core/command-words.js';
import type { BotContext } from '../../../core/chat/types.js';
import { t } from '../../../core/i18n/index.js';
import { openSettingsForm, submitSettingsForm, summaryOf } from '../../../core/settings/index.js';
import { settingsViewerOf } from '../../../core/settings/admins.js';
import { errorCode, type SlackActor, type SlackClient } from '../context.js';
import type { SlackDeps } from '../deliver.js';
import { noticeToMessage, type SlackMessage } from '../render/block-kit.js';
import { readSettingsState, settingsBlockId, settingsModal, settingsOrigin } from '../render/settings-modal.js';
import type { CommandArgs } from './slash-command.js';

export const SETTINGS_COMMAND = '/settings';


/** The user's context, or the refusal to show when it cannot be built. */
async function contextOf(deps: SlackDeps, actor: SlackActor): Promise<{ ctx: BotContext } | { refusal: string }> {
  try {
    return { ctx: await deps.resolveContext(actor) };
  } catch (err) {
    deps.logger.warn({ err: errorCode(err) }, 'slack: could not build the bot context');
    const reply = errorReply(err, { locale: deps.fallbackLocale });
    return { refusal: reply.kind === 'notice' ? reply.notice.text : t(deps.fallbackLocale, 'error.internal') };
  }
}

/** Opens the settings modal for an admin; anyone else (or a failure) gets `refuse` with the reason. */
async function openSettings(deps: SlackDeps, actor: SlackActor, triggerId: string, refuse: (m: SlackMessage) => Promise<unknown>, words: string[] = []): Promise<void> {
  if (!deps.settings) return;
  const got = await contextOf(deps, actor);
  if ('refusal' in got) return void (await refuse(noticeToMessage({ text: got.refusal, tone: 'bad' })));
  const { ctx } = got;
  let view;
  try {
    // `/settings` takes no words: any are refused, naming them
    refuseWords(words, 'settings.form.example');
    view = await openSettingsForm(deps.settings, { tenantId: ctx.tenantId, viewer: await settingsViewerOf(deps.settings, ctx), platform: 'slack', locale: ctx.locale });
  } catch (err) {
    const reply = errorReply(err, ctx);
    if (reply.kind === 'notice') await refuse(noticeToMessage(reply.notice));
    return;
  }
  try {
    await actor.client.views.open({ trigger_id: triggerId, view: settingsModal(view, actor.channelId) });
  } catch (err) {
    deps.logger.warn({ err: errorCode(err) }, 'slack: settings modal could not be opened');
  }
}

/** `/settings`: the settings modal (admins), a refusal in their language (everyone else). */
export const settingsCommand = (deps: SlackDeps) => async (args: CommandArgs): Promise<void> => {
  await args.ack();
  const { command: c, client, context, respond } = args;
  await openSettings(deps, { context, client, userId: c.user_id, channelId: c.channel_id }, c.trigger_id, (m) => respond({ response_type: 'ephemeral', ...m }), c.text.trim().split(/\s+/).filter(Boolean));
};

/** The App Home's "Open settings" button: the same modal; a refusal goes to the person's DM. */
export const settingsOpenAction = (deps: SlackDeps) => async ({ ack, body, client, context }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs): Promise<void> => {
  await ack();
  await openSettings(deps, { context, client, userId: body.user.id, channelId: '' }, body.trigger_id, (m) => client.chat.postMessage({ channel: body.user.id, ...m }));
};

/** The confirmation: where /settings was typed (only to that person), else in their DM. */
async function confirm(deps: SlackDeps, client: SlackClient, user: string, channel: string | undefined, message: SlackMessage): Promise<void> {
  try {
    await (channel ? client.chat.postEphemeral({ channel, user, ...message }) : client.chat.postMessage({ channel: user, ...message }));
  } catch (err) {
    deps.logger.warn({ err: errorCode(err) }, 'slack: settings confirmation could not be sent');
  }
}

/**
 * A submitted settings modal: saved through the settings core (the same checks as REST) when
 * the person is an admin now; otherwise the modal stays open with the problems by field.
 */
export const settingsSubmit = (deps: SlackDeps) => async ({ ack, body, view, client, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
  const channel = settingsOrigin(view.private_metadata);
  const first = settingsBlockId('timezone');
  const got = await contextOf(deps, { context, client, userId: body.user.id, channelId: channel ?? '' });
  if ('refusal' in got) return void (await ack({ response_action: 'errors', errors: { [first]: got.refusal } }));
  const { ctx } = got;
  if (!deps.settings) return void (await ack());
  let result;
  try {
    const input = { tenantId: ctx.tenantId, viewer: await settingsViewerOf(deps.settings, ctx), platform: 'slack' as const, locale: ctx.locale, userId: ctx.userId };
    result = await submitSettingsForm(deps.settings, { ...input, values: readSettingsState(view.state.values) });
  } catch (err) {
    const reply = errorReply(err, ctx);
    return void (await ack({ response_action: 'errors', errors: { [first]: reply.kind === 'notice' ? reply.notice.text : t(ctx.locale, 'error.internal') } }));
  }
  if (!result.ok) {
    const errors = Object.fromEntries(Object.entries(result.errors).map(([id, text]) => [settingsBlockId(id), text.slice(0, 2000)]));
    return void (await ack({ response_action: 'errors', errors }));
  }
  await ack();
  const summary = summaryOf(result.settings, ctx.locale);
  await confirm(deps, client, ctx.userId, channel, noticeToMessage({ text: [t(ctx.locale, 'settings.form.saved'), ...summary.lines].join('\n'), tone: 'good' }));
};
