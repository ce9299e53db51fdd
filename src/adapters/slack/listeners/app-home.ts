import type { AllMiddlewareArgs, SlackEventMiddlewareArgs, types } from '@slack/bolt';
import { handleBotEvent } from '../../../core/bot/handle-event.js';
import type { BotContext, BotReply } from '../../../core/chat/types.js';
import { t } from '../../../core/i18n/index.js';
import { helpCard } from '../../../core/bot/help-card.js';
import { settingsSummary } from '../../../core/settings/index.js';
import { settingsViewerOf } from '../../../core/settings/admins.js';
import type { SlackClient } from '../context.js';
import type { SlackDeps } from '../deliver.js';
import { cardToBlocks, escapeMrkdwn, noticeToMessage, SLACK_LIMITS } from '../render/block-kit.js';
import { settingsHomeBlocks } from '../render/settings-modal.js';

type KnownBlock = types.KnownBlock;

/** The Home tab: supervisors see the week's KPI card, everyone else what the app is for. */
export async function homeBlocks(deps: SlackDeps, ctx: BotContext, reply?: BotReply): Promise<KnownBlock[]> {
  const max = SLACK_LIMITS.blocksPerView - 2;
  if (!ctx.isSupervisor) {
    const intro: KnownBlock = { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(t(ctx.locale, 'slack.home.agent')) } };
    return [intro, { type: 'divider' }, ...cardToBlocks(helpCard(ctx.locale, ctx.chat.commandPrefix), max).blocks];
  }
  const shown = reply ?? (await handleBotEvent(deps.bot, ctx, { kind: 'command', command: 'kpi', text: 'week' }));
  // admins (supervisors too) also see the team's settings and the button that opens them
  const summary = deps.settings ? await settingsSummary(deps.settings, { tenantId: ctx.tenantId, viewer: await settingsViewerOf(deps.settings, ctx), locale: ctx.locale }) : null;
  const settings = summary ? settingsHomeBlocks(summary) : [];
  const body = shown.kind === 'notice' ? noticeToMessage(shown.notice).blocks : cardToBlocks(shown.card, max - settings.length).blocks;
  return [...body, { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(t(ctx.locale, 'slack.home.supervisor')) }] }, ...settings];
}

export async function publishHome(client: SlackClient, userId: string, blocks: KnownBlock[]): Promise<void> {
  await client.views.publish({ user_id: userId, view: { type: 'home', blocks: blocks.slice(0, SLACK_LIMITS.blocksPerView) } });
}

/** `app_home_opened` (Home tab only; the Messages tab needs nothing). */
export const appHomeOpened =
  (deps: SlackDeps) =>
  async ({ event, client, context }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    const ctx = await deps.resolveContext({ context, client, userId: event.user, channelId: event.channel });
    await publishHome(client, event.user, await homeBlocks(deps, ctx));
  };
