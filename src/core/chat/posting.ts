import type { SurveyPlatform } from '../domain/survey.js';
import { ValidationError } from '../errors.js';
import type { BotContext } from './types.js';

/** A context whose platform posts on its own: its records (surveys, alerts, meetings) name it. */
export type PostingContext = BotContext & { platform: SurveyPlatform };

/** Whether the bot can post where this context comes from (not in the terminal CLI). */
export const isPostingContext = (ctx: BotContext): ctx is PostingContext => ctx.chat.posts;

/** The platform of a context that must post; refused (localized) where the bot can only answer. */
export function postingPlatformOf(ctx: BotContext): SurveyPlatform {
  if (!isPostingContext(ctx)) throw new ValidationError('survey.platform_not_configured', { platform: ctx.platform });
  return ctx.platform;
}
