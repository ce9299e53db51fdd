import type { z } from 'zod';
import { ValidationError } from '../errors.js';

/**
 * A button's value as its schema says, or a localized refusal: values come back from the
 * platform and are checked like any other input.
 */
export function parseActionValue<S extends z.ZodType>(schema: S, value: string, messageKey: string): z.infer<S> {
  try {
    const parsed = schema.safeParse(JSON.parse(value));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: refused below
  }
  throw new ValidationError(messageKey);
}
