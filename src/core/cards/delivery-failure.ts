import { DateTime } from 'luxon';
import type { SurveyPlatform } from '../domain/survey.js';
import { t, type Locale } from '../i18n/index.js';
import { postingPlatform, type ChatPlatforms, type PostOnce } from '../ports/chat-platform.js';
import type { ActionRef, Card } from './card.js';

/** Platform and webhook codes grouped into what a person can act on. */
const REASONS: [RegExp, string][] = [
  [/^(not_in_channel|channel_not_found|no_conversation_reference|http_403|http_404)$/, 'removed'],
  [/^is_archived$/, 'archived'],
  [/^(ratelimited|rate_limited|http_429)$/, 'rate_limited'],
  [/^(invalid_auth|account_inactive|not_installed|token_revoked|missing_scope|not_configured)$/, 'uninstalled'],
  [/^webhook_(not_https|private_address|bad_url|unknown_host)$/, 'webhook_refused'],
  [/^data_(key_unknown|key_mismatch|malformed)$/, 'secret_unreadable'],
  [/^(webhook_|http_)/, 'webhook_failed'],
];

/** Why a delivery failed, in words, with the platform's own code. */
export function failureReason(code: string, locale: Locale): string {
  const kind = REASONS.find(([re]) => re.test(code))?.[1] ?? 'other';
  return t(locale, `delivery.reason.${kind}`, { code });
}

export interface FailedDelivery {
  /** "the report «weekly mon 09:00»", "the alert «FRT p90 > 2 h»" */
  what: string;
  /** when it was due */
  at: Date;
  timezone: string;
  code: string;
  /** a button that tries again, when there is one */
  retry?: ActionRef;
  /** how to stop it (the command) */
  stop: string;
}

/** The direct message to the owner once every retry failed. */
export function deliveryFailedCard(f: FailedDelivery, locale: Locale): Card {
  const title = t(locale, 'delivery.failed.title');
  const when = DateTime.fromJSDate(f.at, { zone: f.timezone }).setLocale(locale).toLocaleString({ ...DateTime.DATETIME_MED, timeZoneName: 'short' });
  const text = t(locale, 'delivery.failed.text', { what: f.what, when, reason: failureReason(f.code, locale) });
  return {
    title,
    fallbackText: `${title}: ${text}`,
    elements: [
      { type: 'text', text },
      { type: 'context', text: t(locale, 'delivery.failed.hint', { stop: f.stop }) },
      ...(f.retry ? [{ type: 'actions' as const, buttons: [{ label: t(locale, 'delivery.retry'), action: f.retry, style: 'primary' as const }] }] : []),
    ],
  };
}

/** Tells the owner (once: the message is keyed); a failure to tell is logged, never thrown (the delivery already failed). */
export async function notifyOwner(deps: { platforms: ChatPlatforms; logger?: { warn(fields: object, message: string): void } }, platform: SurveyPlatform, tenantId: string, ownerId: string, card: Card, once: PostOnce): Promise<void> {
  try {
    await postingPlatform(deps.platforms, platform)?.post(tenantId, { userId: ownerId }, card, once);
  } catch (e) {
    deps.logger?.warn({ err: (e as Error).message, tenantId }, 'delivery failure: the owner could not be told');
  }
}
