import type { z } from 'zod';
import { ValidationError } from '../errors.js';
import { t, type Locale } from '../i18n/index.js';
import { formatPath, fromZodIssues, issue, showValue, valueAt, type FieldIssue } from '../ingest/index.js';

/**
 * zod issues of a settings body as field issues: checks whose message is a `settings.*` key say
 * what that field needs; the rest read like the ingest API's (`ingest.*`, by issue code).
 */
export function settingsIssues(error: z.ZodError, input: unknown, schema: z.ZodType): FieldIssue[] {
  return error.issues.flatMap((zi) => {
    if (!zi.message.startsWith('settings.')) return fromZodIssues([zi], input, schema);
    const params = zi.code === 'custom' ? ((zi.params ?? {}) as Record<string, string | number>) : {};
    return [issue(formatPath(zi.path), zi.message, { value: showValue(valueAt(input, zi.path)), ...params })];
  });
}

/** A refused settings change that still knows which field each problem is about (chat forms show them per field). */
export class SettingsValidationError extends ValidationError {
  constructor(details: string[], readonly issues: readonly FieldIssue[]) {
    super('error.validation', { details: details.join(' ') }, details);
  }
}

/** One 400 naming every problem, in the caller's language (details: one sentence per problem). */
export function invalidSettings(issues: readonly FieldIssue[], locale: Locale): SettingsValidationError {
  return new SettingsValidationError(issues.map((i) => t(locale, i.key, i.params)), issues);
}

/** The parsed body, or a localized 400 naming each bad field. */
export function parseSettingsInput<S extends z.ZodType>(schema: S, input: unknown, locale: Locale): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalidSettings(settingsIssues(parsed.error, input, schema), locale);
  return parsed.data;
}
