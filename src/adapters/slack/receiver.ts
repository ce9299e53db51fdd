import { ErrorCode, ExpressReceiver, type ExpressReceiverOptions } from '@slack/bolt';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'express';
import { t, toLocale } from '../../core/i18n/index.js';
import type { Logger } from '../../infra/observability/logger.js';

/** Payload types Slack sends to a request URL; anything else is not Slack's. */
const SLACK_TYPES = new Set([
  'event_callback', 'block_actions', 'block_suggestion', 'view_submission', 'view_closed', 'shortcut', 'message_action',
  'interactive_message', 'dialog_submission', 'dialog_cancellation', 'dialog_suggestion', 'workflow_step_edit', 'app_rate_limited',
]);

const isSlackShaped = (body: unknown): boolean => {
  const b = body as { type?: unknown; command?: unknown } | null;
  return typeof b === 'object' && b !== null && (typeof b.command === 'string' || (typeof b.type === 'string' && SLACK_TYPES.has(b.type)));
};

/**
 * Bolt's Express receiver, answering correctly signed payloads Bolt cannot read with a clear 400
 * instead of a 500 (a field of another type) or a 404 three seconds later (no type Bolt knows),
 * and acknowledging at once a Slack payload no listener took (Slack retries what is not acked).
 */
export class SlackReceiver extends ExpressReceiver {
  constructor(options: ExpressReceiverOptions, log: Logger) {
    super({
      ...options,
      processEventErrorHandler: async ({ error, request, response }) => {
        if (response.headersSent) return false;
        if ((error as { code?: unknown }).code === ErrorCode.AuthorizationError) {
          response.writeHead(401).end();
          return true;
        }
        log.warn({ err: error instanceof Error ? error.message.slice(0, 120) : 'unknown' }, 'slack: signed payload Bolt could not read; refused');
        refuse(request, response);
        return true;
      },
      // a listener slower than Slack's 3 s: Bolt's 404, minus its error log once we answered
      unhandledRequestHandler: ({ response }) => {
        if (response.headersSent) return;
        log.warn('slack: payload not acknowledged within 3 s');
        response.writeHead(404).end();
      },
    });
  }

  override async requestHandler(req: Request, res: Response): Promise<void> {
    await super.requestHandler(req, res);
    if (res.headersSent) return;
    // Bolt finished without anyone acknowledging: no listener for it, or no type Bolt knows
    if (isSlackShaped(req.body)) res.status(200).end();
    else refuse(req, res);
  }
}

function refuse(req: IncomingMessage, res: ServerResponse): void {
  const locale = toLocale(req.headers['accept-language'], 'en');
  res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: { code: 'validation', message: t(locale, 'error.bad_slack_payload') } }));
}
