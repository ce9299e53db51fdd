/**
 * The report document in chat: a PDF file where the platform takes files (Slack), else a signed
 * link valid 7 days (Teams), which the service turns into the PDF when opened.
 */
import { DateTime } from 'luxon';
import { PlatformError, ValidationError } from '../errors.js';
import { t, type Locale } from '../i18n/index.js';
import type { AnnexLinks } from '../ports/annex.js';
import { postingPlatform, type MessageRef, type ChatPlatforms } from '../ports/chat-platform.js';
import type { DocumentRenderer, ReportRecords } from '../ports/report-records.js';
import type { SurveyPlatform } from '../domain/survey.js';
import { buildReportDocument, type BuiltDocument, type DocumentDeps } from './document/build-document.js';
import type { Card, Link } from '../cards/card.js';
import type { ReportDeps } from './build-report.js';

/** signed document links last this long (the links' own validity) */
export const DOCUMENT_LINK_DAYS = 7;

export interface DocumentDeliveryDeps extends ReportDeps {
  platforms: ChatPlatforms;
  annexLinks?: AnnexLinks;
  /** absent: this service draws no documents */
  reportRecords?: ReportRecords;
  documents?: DocumentRenderer;
}

export interface DocumentTarget {
  tenantId: string;
  platform: SurveyPlatform;
  channelId: string;
  query: string;
  locale: Locale;
}

/** Whether the document goes as a file on this platform (else as a link). */
export const sendsDocumentFile = (deps: Pick<DocumentDeliveryDeps, 'platforms'>, platform: SurveyPlatform) => Boolean(deps.platforms[platform]?.attach);

function documentDeps(deps: DocumentDeliveryDeps): DocumentDeps {
  if (!deps.reportRecords || !deps.documents) throw new PlatformError('not_configured');
  return { ...deps, reportRecords: deps.reportRecords, documents: deps.documents };
}

/** The document's signed link as a card button, with its expiry; null without a public URL. */
export function documentLink(deps: Pick<DocumentDeliveryDeps, 'annexLinks'>, s: Omit<DocumentTarget, 'platform' | 'channelId'>, now: Date, zone: string): { link: Link; until: string } | null {
  const url = deps.annexLinks?.urlFor({ tenantId: s.tenantId, query: s.query, locale: s.locale, asOf: now, kind: 'pdf' }) ?? null;
  if (!url) return null;
  const until = DateTime.fromJSDate(new Date(now.getTime() + DOCUMENT_LINK_DAYS * 86_400_000), { zone }).setLocale(s.locale).toLocaleString(DateTime.DATE_MED);
  return { link: { label: t(s.locale, 'report.document.open'), url }, until };
}

/** The Teams answer: a card with the link (a button), valid 7 days. */
export function documentLinkCard(deps: Pick<DocumentDeliveryDeps, 'annexLinks'>, s: Omit<DocumentTarget, 'platform' | 'channelId'>, now: Date, zone: string): Card {
  const found = documentLink(deps, s, now, zone);
  // the link must point at this service from outside: without PUBLIC_URL there is none to give
  if (!found) throw new ValidationError('report.document.no_public_url');
  const title = t(s.locale, 'document.title');
  const text = t(s.locale, 'report.document.link', { query: s.query, until: found.until, days: DOCUMENT_LINK_DAYS });
  return { title, fallbackText: `${title}: ${found.link.url}`, elements: [{ type: 'text', text }, { type: 'links', links: [found.link] }] };
}

/** Builds the PDF and uploads it to the conversation, or into a posted message's thread. */
export async function uploadDocument(deps: DocumentDeliveryDeps, s: DocumentTarget, now: Date, at?: MessageRef): Promise<BuiltDocument> {
  const chat = postingPlatform(deps.platforms, s.platform);
  if (!chat?.attach) throw new PlatformError('not_configured');
  const built = await buildReportDocument(documentDeps(deps), { tenantId: s.tenantId, query: s.query, locale: s.locale, now });
  const title = `${t(s.locale, 'document.title')} — ${built.periodLabel}`;
  await chat.attach(s.tenantId, at ?? { channelId: s.channelId }, { name: built.fileName, title, content: built.pdf, ...(at ? {} : { comment: title }) });
  return built;
}
