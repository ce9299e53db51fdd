import type { AllMiddlewareArgs, BlockAction, RespondFn, SlackActionMiddlewareArgs, types } from '@slack/bolt';
import { errorCode, type SlackClient } from '../context.js';
import { deliver, dispatch, type SlackDeps, type Sink } from '../deliver.js';
import { noticeToMessage, parseActionId } from '../render/block-kit.js';
import { FORM_OPEN_ACTION, formModal, LINK_ACTION, unpackForm } from '../render/modal.js';
import { homeBlocks, publishHome } from './app-home.js';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
type KnownBlock = types.KnownBlock;

/** A card in a message changes in place; a notice goes only to the person who clicked. */
const messageSink = (respond: RespondFn): Sink => ({
  toChannel: (m) => respond({ replace_original: true, ...m }),
  toUser: (m) => respond({ response_type: 'ephemeral', replace_original: false, ...m }),
});

/** Without a response_url (rare for messages) the bot token edits the message itself. */
export const apiSink = (client: SlackClient, channel: string, ts: string | undefined, user: string): Sink => ({
  toChannel: (m) => (ts ? client.chat.update({ channel, ts, ...m }) : client.chat.postMessage({ channel, ...m })),
  toUser: (m) => client.chat.postEphemeral({ channel, user, ...m }),
});

/** A form button: open its modal (the trigger expires in 3 s, so before anything else). */
async function openForm(deps: SlackDeps, args: ActionArgs, value: string, channelId: string): Promise<void> {
  const form = unpackForm(value);
  const ts = args.body.message?.ts;
  if (!form || !ts) return;
  try {
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: formModal(form, { channelId, messageId: ts }) });
  } catch (err) {
    deps.logger.warn({ err: errorCode(err) }, 'slack: form modal could not be opened');
  }
}

/** Buttons of our cards (`action_id` = `${ActionRef.id}:${index}`): ack, core, replace the card. */
export const cardActions = (deps: SlackDeps) => async (args: ActionArgs): Promise<void> => {
  const { ack, body, action, respond, client, context } = args;
  await ack();
  const value = action.type === 'button' ? (action.value ?? '') : '';
  const id = parseActionId(action.action_id) ?? action.action_id;
  const channelId = body.channel?.id ?? String(body.container['channel_id'] ?? '');
  if (id === LINK_ACTION) return; // Slack opened the URL; nothing to do
  if (id === FORM_OPEN_ACTION) return openForm(deps, args, value, channelId);
  const actor = { context, client, userId: body.user.id, channelId };
  const messageId = body.message?.ts;
  const { ctx, reply } = await dispatch(deps, actor, { kind: 'action', action: { id, value }, ...(messageId ? { messageId } : {}) });

  if (body.view?.type === 'home') {
    // the Home tab has no response_url: publish it again with the new card (or the notice on top)
    const blocks =
      reply.kind === 'notice' ? [...noticeToMessage(reply.notice).blocks, ...(body.view.blocks as KnownBlock[])] : ctx ? await homeBlocks(deps, ctx, reply) : [];
    await publishHome(client, body.user.id, blocks);
    return;
  }
  const sink = respond ? messageSink(respond) : apiSink(client, channelId, messageId, body.user.id);
  await deliver(deps, client, ctx, reply, sink, body.trigger_id);
};
