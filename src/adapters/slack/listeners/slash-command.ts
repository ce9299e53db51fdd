import type { AllMiddlewareArgs, RespondFn, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { deliver, dispatch, type SlackDeps, type Sink } from '../deliver.js';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** Slash-command answers go through the command's response_url (valid 30 minutes, 5 uses). */
export const commandSink = (respond: RespondFn): Sink => ({
  toChannel: (m) => respond({ response_type: 'in_channel', ...m }),
  toUser: (m) => respond({ response_type: 'ephemeral', ...m }),
});

/**
 * The one flow of every slash command: acknowledge at once (Slack waits 3 s; the work may need
 * the database and the Web API), then map → core → render → respond.
 */
export async function answerSlashCommand(deps: SlackDeps, args: CommandArgs, command: string): Promise<void> {
  await args.ack();
  const { command: payload, client, context } = args;
  const { ctx, reply } = await dispatch(deps, { context, client, userId: payload.user_id, channelId: payload.channel_id }, { kind: 'command', command, text: payload.text ?? '' });
  await deliver(deps, client, ctx, reply, commandSink(args.respond), payload.trigger_id);
}
