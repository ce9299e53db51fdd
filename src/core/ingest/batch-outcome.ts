/** Response of the ingest API and the helpers that build its `rejected` part. */
import { ValidationError } from '../errors.js';
import { t, type Locale } from '../i18n/index.js';
import type { BodySplit, RecordRef } from './body.js';
import { issue, type FieldIssue, type Result } from './issues.js';

export interface IssueMessage {
  /** Path of the offending field (`customer.email`, `reopenedAt[1]`); '' = the whole record. */
  field: string;
  message: string;
}

/** One rejected record: where it was in the body (`index` for JSON, `line` for NDJSON/CSV). */
export interface RejectedRecord {
  index?: number;
  line?: number;
  externalId?: string;
  errors: IssueMessage[];
}

export interface IngestReport {
  /** Records that passed validation (= created + updated + unchanged). */
  accepted: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: RejectedRecord[];
  /** with automatic surveys on: resolved tickets whose survey was scheduled, and those whose customer the platform cannot reach */
  autoSurveys?: AutoSurveyCounts;
}

export interface AutoSurveyCounts {
  platform: 'slack' | 'teams';
  scheduled: number;
  /** resolved, but the customer has no id on the survey platform (so nobody can be asked) */
  withoutRecipient: number;
}

export function formatIssues(issues: readonly FieldIssue[], locale: Locale): IssueMessage[] {
  return issues.map((i) => ({ field: i.field, message: t(locale, i.key, i.params) }));
}

/** The externalId of a raw record when it has a usable one (to help the integrator find it). */
function externalIdOf(raw: unknown): string | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const id = (raw as Record<string, unknown>).externalId;
  if (typeof id === 'string' && id.trim() !== '') return id.trim().slice(0, 200);
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return undefined;
}

export function rejectedRecord(ref: RecordRef, issues: readonly FieldIssue[], locale: Locale, raw?: unknown): RejectedRecord {
  const externalId = externalIdOf(raw);
  return {
    ...('index' in ref ? { index: ref.index } : { line: ref.line }),
    ...(externalId === undefined ? {} : { externalId }),
    errors: formatIssues(issues, locale),
  };
}

export interface ValidatedRecord<T> {
  ref: RecordRef;
  value: T;
}

export interface FailedRecord {
  ref: RecordRef;
  raw?: unknown;
  errors: FieldIssue[];
}

/**
 * Runs a record parser over a successful split. Split-level record errors (bad NDJSON line,
 * malformed CSV row) become failures with field ''. Order of the body is kept in both lists.
 */
export function validateRecords<T>(
  split: Extract<BodySplit, { ok: true }>,
  parseRecord: (raw: unknown) => Result<T>,
): { valid: ValidatedRecord<T>[]; failed: FailedRecord[] } {
  const valid: ValidatedRecord<T>[] = [];
  const failed: FailedRecord[] = [];
  for (const rec of split.records) {
    if ('parseError' in rec) {
      failed.push({ ref: rec.ref, errors: [issue('', rec.parseError.key, rec.parseError.params)] });
      continue;
    }
    const r = parseRecord(rec.raw);
    if (r.ok) valid.push({ ref: rec.ref, value: r.value });
    else failed.push({ ref: rec.ref, raw: rec.raw, errors: r.errors });
  }
  return { valid, failed };
}

/** Builds the `rejected` array of the report. */
export function buildRejected(failed: readonly FailedRecord[], locale: Locale): RejectedRecord[] {
  return failed.map((f) => rejectedRecord(f.ref, f.errors, locale, f.raw));
}

/** A body-level split failure as the domain error the HTTP layer turns into a 400/415. */
export function bodyError(split: Extract<BodySplit, { ok: false }>): ValidationError {
  return new ValidationError(split.key, split.params);
}
