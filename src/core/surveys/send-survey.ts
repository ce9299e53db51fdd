import type { InteractionRecord, SurveyKind } from '../domain/interaction.js';
import type { PendingCount, SurveyPlatform, SurveyRecipient, Survey } from '../domain/survey.js';
import type { TenantSettings } from '../domain/tenant.js';
import { asUnavailable, DomainError, PlatformError, ValidationError } from '../errors.js';
import { sleep } from '../concurrency.js';
import type { Locale } from '../i18n/index.js';
import { dimsOf, UNLINKED } from '../kpi/index.js';
import { postingPlatform, type MessageRef, type ChatPlatforms } from '../ports/chat-platform.js';
import type { SurveyStore } from '../ports/surveys.js';
import type { TenantStore } from '../ports/tenants.js';
import { surveyQuestionCard } from './views/survey-card.js';
import type { StoreDeps } from '../records/index.js';
import { applySentCount, pendingCount } from './sent-counts.js';

export interface SurveyDeps extends StoreDeps {
  tenants: TenantStore;
  surveys: SurveyStore;
  /** the platforms configured on this service */
  platforms: ChatPlatforms;
  now: () => Date;
}

export interface SendSurveyInput {
  tenantId: string;
  type: SurveyKind;
  platform: SurveyPlatform;
  /** a meeting rating: the meeting and its title */
  meeting?: { id: string; title: string };
  recipient: SurveyRecipient;
  interaction?: { source: string; externalId: string };
  locale?: Locale;
  /** a user id, "api" or "auto" */
  sentBy: string;
}

const DAY = 86_400_000;
const PLATFORM_NAMES: Record<SurveyPlatform, string> = { slack: 'Slack', teams: 'Microsoft Teams' };

async function findInteraction(deps: SurveyDeps, tenantId: string, ref: { source: string; externalId: string }): Promise<InteractionRecord | null> {
  const [found] = await deps.interactions.findByExternalIds(tenantId, ref.source, [ref.externalId]);
  return found ?? null;
}

/** The person's own language on the platform, when it says. */
async function recipientLocale(deps: SurveyDeps, input: SendSurveyInput): Promise<Locale | null> {
  const chat = postingPlatform(deps.platforms, input.platform);
  if (!('userId' in input.recipient) || !chat?.localeOf) return null;
  return chat.localeOf(input.tenantId, input.recipient.userId);
}

/**
 * Sends a survey now (API, `/survey send`). At most one survey of a type per interaction: asking
 * again returns the existing one (`created: false`) unless its delivery had failed.
 */
export async function sendSurvey(deps: SurveyDeps, input: SendSurveyInput): Promise<{ survey: Survey; created: boolean }> {
  if (!postingPlatform(deps.platforms, input.platform)) throw new ValidationError('survey.platform_not_configured', { platform: PLATFORM_NAMES[input.platform] });
  const tenant = await deps.tenants.get(input.tenantId);
  if (input.interaction && !(await findInteraction(deps, input.tenantId, input.interaction))) {
    throw new ValidationError('survey.unknown_interaction', { externalId: input.interaction.externalId, source: input.interaction.source });
  }
  const { survey, created } = await deps.surveys.create({
    tenantId: input.tenantId,
    type: input.type,
    platform: input.platform,
    recipient: input.recipient,
    ...(input.interaction ? { interaction: input.interaction } : {}),
    ...(input.meeting ? { meetingId: input.meeting.id, subject: input.meeting.title } : {}),
    locale: input.locale ?? (await recipientLocale(deps, input)) ?? tenant.locale,
    status: 'sending',
    sendingUntil: holdUntil(deps),
    dueAt: deps.now(),
    sentBy: input.sentBy,
  });
  if (created) return { survey: await deliverSurvey(deps, survey, tenant), created: true };
  // a failed delivery may be tried again (one caller wins the retry)
  if (survey.status === 'failed' && (await deps.surveys.transition(survey.tenantId, survey.id, 'failed', 'sending', { sendingUntil: holdUntil(deps) }))) {
    // its failure may have been an unknown outcome: the earlier post is looked for first
    return { survey: await deliverSurvey(deps, { ...survey, status: 'sending' }, tenant, true), created: true };
  }
  return { survey, created: false };
}

/**
 * Posts a survey that is in "sending" (claimed by this caller) and counts it as sent. A platform
 * refusal marks it failed with the platform's code and is raised as a localized error.
 */
export async function deliverSurvey(deps: SurveyDeps, survey: Survey, tenant: TenantSettings, checkFirst = false): Promise<Survey> {
  const sentAt = deps.now();
  const expiresAt = new Date(sentAt.getTime() + tenant.surveys.expiryDays * DAY);
  const outgoing: Survey = { ...survey, sentAt, expiresAt };
  let message: MessageRef;
  try {
    const chat = postingPlatform(deps.platforms, survey.platform);
    if (!chat) throw new PlatformError('not_configured');
    const once = { key: `survey:${survey.id}`, since: survey.dueAt, checkFirst };
    message = await chat.post(survey.tenantId, survey.recipient, surveyQuestionCard({ survey: outgoing, timezone: tenant.timezone }), once);
  } catch (e) {
    const code = e instanceof PlatformError ? e.platformCode : 'unknown';
    await deps.surveys.transition(survey.tenantId, survey.id, 'sending', 'failed', { error: code });
    throw new DomainError('platform', 'survey.send_failed', { code });
  }
  const counted = await recordSent(deps, survey, tenant, { sentAt, expiresAt, message });
  if (counted) {
    try {
      await applySentCount(deps, { ...survey, sentAt }, counted, false);
    } catch (e) {
      // the survey is out and its count recorded: the minute sweep moves it once MongoDB is back
      if (!asUnavailable(e)) throw e;
    }
  }
  return { ...outgoing, status: 'sent', message };
}

/** What the survey's "sent" count adds (its interaction's dimensions), held from now; none for meeting ratings. */
async function countOf(deps: SurveyDeps, survey: Survey, tenant: TenantSettings): Promise<PendingCount | null> {
  // meeting ratings are not customer surveys: they do not count in the response rate
  if (survey.type === 'meeting') return null;
  const interaction = survey.interaction ? await findInteraction(deps, survey.tenantId, survey.interaction) : null;
  return pendingCount(interaction ? dimsOf(interaction) : UNLINKED, tenant.rollupTimezone, deps.now());
}

const RECORD_FOR_MS = 15 * 60_000;

/**
 * Marks a posted survey sent, with its "sent" count recorded. The post cannot be taken back, so
 * if MongoDB is away the mark is retried in the background (answers to the survey wait for it;
 * the minute sweep counts it) and the caller gets a 503.
 */
async function recordSent(deps: SurveyDeps, survey: Survey, tenant: TenantSettings, set: Pick<Survey, 'sentAt' | 'expiresAt' | 'message'>): Promise<PendingCount | null> {
  const mark = async () => {
    const counted = await countOf(deps, survey, tenant);
    // false only when an earlier attempt got there (its count is recorded and swept)
    return (await deps.surveys.transition(survey.tenantId, survey.id, 'sending', 'sent', { ...set, ...(counted ? { pendingCount: counted } : {}) })) ? counted : null;
  };
  try {
    return await mark();
  } catch (e) {
    if (!asUnavailable(e)) throw e;
    void (async () => {
      const giveUpAt = Date.now() + RECORD_FOR_MS;
      for (let attempt = 0; Date.now() < giveUpAt; attempt++) {
        await sleep(Math.min(30_000, 500 * 2 ** attempt));
        if (await mark().then(() => true, () => false)) return;
      }
    })();
    throw asUnavailable(e)!;
  }
}

/** How long after its resolution a ticket is still worth asking about. */
const AUTO_WINDOW_DAYS = 7;

/**
 * Automatic surveys: a ticket that became resolved gets one survey, due `delayHours` after the
 * resolution, when the tenant has turned it on and the customer can be reached on the platform.
 */
/** Where an interaction keeps the customer's id on each platform. */
const CUSTOMER_ID = { slack: 'slackUserId', teams: 'teamsUserId' } as const satisfies Record<SurveyPlatform, string>;

export async function scheduleAutoSurveys(deps: SurveyDeps, tenant: TenantSettings, resolved: InteractionRecord[]): Promise<{ scheduled: number; withoutRecipient: number }> {
  const auto = tenant.surveys.autoSend;
  const counts = { scheduled: 0, withoutRecipient: 0 };
  if (!auto.enabled || resolved.length === 0) return counts;
  const now = deps.now();
  for (const r of resolved) {
    if (!r.resolvedAt) continue;
    const userId = r.customer[CUSTOMER_ID[auto.platform]];
    // said in the ingest answer: a team whose customers lack the id would otherwise wait for surveys that never come
    if (!userId) {
      counts.withoutRecipient++;
      continue;
    }
    const dueAt = new Date(r.resolvedAt.getTime() + auto.delayHours * 3_600_000);
    if (dueAt.getTime() < now.getTime() - AUTO_WINDOW_DAYS * DAY) continue;
    const { created } = await deps.surveys.create({
      tenantId: tenant.tenantId,
      type: auto.type,
      platform: auto.platform,
      recipient: { userId },
      interaction: { source: r.source, externalId: r.externalId },
      locale: tenant.locale,
      status: 'scheduled',
      dueAt,
      sentBy: 'auto',
    });
    if (created) counts.scheduled++;
  }
  return counts;
}

/** Sends the automatic surveys that are due; each is claimed so that one instance sends it. */
export async function sendDueSurveys(deps: SurveyDeps, onError: (survey: Survey, e: unknown) => void): Promise<number> {
  let sent = 0;
  const now = deps.now();
  for (const tenantId of await deps.surveys.tenantsWithScheduled()) {
    const tenant = await deps.tenants.get(tenantId);
    for (const survey of await deps.surveys.due(tenantId, now, 200)) {
      if (!(await deps.surveys.transition(tenantId, survey.id, 'scheduled', 'sending', { sendingUntil: holdUntil(deps) }))) continue;
      try {
        await deliverSurvey(deps, { ...survey, status: 'sending' }, tenant);
        sent++;
      } catch (e) {
        onError(survey, e);
      }
    }
  }
  return sent + (await finishAbandonedSends(deps, onError));
}

/** How long a sender holds a survey in "sending" (far beyond a post's own retries). */
const SENDING_HOLD_MS = 15 * 60_000;
const holdUntil = (deps: SurveyDeps) => new Date(deps.now().getTime() + SENDING_HOLD_MS);

/**
 * Surveys whose sender stopped between claiming and recording them: where the platform finds
 * its own posts again (Slack) the survey is delivered, the earlier post found if there was one;
 * elsewhere it is marked failed ("interrupted"), to be sent again by whoever asks, since posting
 * blindly could ask the customer twice.
 */
async function finishAbandonedSends(deps: SurveyDeps, onError: (survey: Survey, e: unknown) => void): Promise<number> {
  let sent = 0;
  const now = deps.now();
  const tenants = await deps.surveys.tenantsWithPending();
  for (const survey of (await Promise.all(tenants.map((t) => deps.surveys.abandonedSends(t, now, 200)))).flat()) {
    try {
      if (!(await deps.surveys.holdSend(survey.tenantId, survey.id, survey.sendingUntil!, holdUntil(deps)))) continue;
      if (!deps.platforms[survey.platform]?.findsKeyedPosts) {
        await deps.surveys.transition(survey.tenantId, survey.id, 'sending', 'failed', { error: 'interrupted' });
        continue;
      }
      await deliverSurvey(deps, survey, await deps.tenants.get(survey.tenantId), true);
      sent++;
    } catch (e) {
      onError(survey, e);
    }
  }
  return sent;
}
