import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { deliver, dispatch, type SlackDeps } from '../deliver.js';
import { blockIdOf, readSubmission } from '../render/modal.js';
import { apiSink } from './card-actions.js';

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * A submitted form modal: the core runs the form's action with the typed values. A refusal
 * (e.g. an empty comment) is shown on the modal's first field and the modal stays open;
 * otherwise the modal closes and the message the form came from is replaced (a confirmation
 * goes only to the person who sent it).
 */
export const formSubmit = (deps: SlackDeps) => async ({ ack, body, view, client, context }: SubmitArgs): Promise<void> => {
  const submission = readSubmission(view);
  if (!submission) {
    await ack();
    return;
  }
  const { action, origin } = submission;
  const actor = { context, client, userId: body.user.id, channelId: origin.channelId };
  const { ctx, reply } = await dispatch(deps, actor, { kind: 'action', action, messageId: origin.messageId });
  if (reply.kind === 'notice' && reply.notice.tone === 'bad') {
    const first = Object.keys(action.inputs ?? {})[0] ?? 'comment';
    await ack({ response_action: 'errors', errors: { [blockIdOf(first)]: reply.notice.text.slice(0, 2000) } });
    return;
  }
  await ack();
  await deliver(deps, client, ctx, reply, apiSink(client, origin.channelId, origin.messageId, body.user.id));
};
