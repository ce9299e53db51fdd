import type { SurveyRecipient } from '../domain/survey.js';
import type { Card, Notice } from '../cards/card.js';
import type { Locale } from '../i18n/index.js';

/** The chats the bot answers in; `console` is the terminal `cs-ops` CLI (it can only answer). */
export type PlatformName = 'slack' | 'teams' | 'console';

/** Where a posted message is: Slack channel + ts, Teams conversation + activity id. */
export interface MessageRef {
  channelId: string;
  messageId: string;
}

/** A post that must not be repeated: its key, and a time before which it cannot have been posted. */
export interface PostOnce {
  key: string;
  since: Date;
  /** an earlier attempt's outcome is unknown: look for the message before posting */
  checkFirst?: boolean;
}

/** What core knows of a platform without naming it: how commands are written, what it takes. */
export interface ChatProfile {
  name: PlatformName;
  /** written before command words in texts the bot shows ('/' on Slack, '' on Teams) */
  commandPrefix: string;
  limits: {
    /** longest chart image URL the platform shows */
    chartUrl: number;
  };
  /** whether the bot can post on its own there (surveys, meetings, schedules, alerts) */
  posts: boolean;
}

/**
 * One chat platform: its profile and its proactive operations (surveys, alerts, live cards,
 * reports). An operation is absent where the platform cannot do it, or is not configured.
 */
export interface ChatPlatform extends ChatProfile {
  /**
   * Posts a card to a conversation or to a person (DM / 1:1 chat); throws PlatformError. With
   * `once`, a platform that can find its own messages again (Slack) never posts it twice.
   */
  post?(tenantId: string, to: SurveyRecipient, card: Card, once?: PostOnce): Promise<MessageRef>;
  /** Whether `post` with `once` finds an earlier post instead of repeating it. */
  findsKeyedPosts?: boolean;
  /** Replaces a posted card in place; throws PlatformError. */
  update?(tenantId: string, at: MessageRef, card: Card): Promise<void>;
  /** The language a person uses on the platform, when it says (null otherwise or on error). */
  localeOf?(tenantId: string, userId: string): Promise<Locale | null>;
  /**
   * Attaches a file to a posted message (in its thread), or shares it in a conversation when
   * `at` has no message, where the platform takes files; text is sent as UTF-8.
   */
  attach?(tenantId: string, at: MessageRef | { channelId: string; messageId?: undefined }, file: { name: string; title: string; content: string | Uint8Array; comment?: string }): Promise<void>;
  /** Why the bot cannot post in a conversation (a platform code), or null when it can. */
  canPost?(tenantId: string, channelId: string): Promise<string | null>;
}

/** A platform that posts and updates: what proactive use cases need. */
export type PostingPlatform = ChatPlatform & Required<Pick<ChatPlatform, 'post' | 'update'>>;

/** The platforms registered on this service, by name. */
export type ChatPlatforms = Partial<Record<PlatformName, ChatPlatform>>;

/** The registered platform that posts under this name, if any. */
export function postingPlatform(platforms: ChatPlatforms, name: PlatformName): PostingPlatform | undefined {
  const p = platforms[name];
  return p && isPosting(p) ? p : undefined;
}

const isPosting = (p: ChatPlatform): p is PostingPlatform => Boolean(p.post && p.update);

/** How commands are written on a platform named by a stored record (alerts, schedules). */
export const commandPrefixOf = (platforms: ChatPlatforms, name: PlatformName) => platforms[name]?.commandPrefix ?? '/';

/** The longest chart URL a platform named by a stored record shows (the smallest known when absent). */
export const chartUrlLimitOf = (platforms: ChatPlatforms, name: PlatformName) => platforms[name]?.limits.chartUrl ?? 3000;

/**
 * Answers to one inbound event, built by the adapter for it: where core's reply goes.
 * Core's `answerBotEvent` decides what goes where (and runs the live-card sequence once).
 */
export interface ReplySink {
  /** a card everyone in the conversation sees */
  toChannel(card: Card): Promise<void>;
  /** a card only the person who acted sees */
  toUser(card: Card): Promise<void>;
  /** a short notice only the person who acted sees */
  notice(notice: Notice): Promise<void>;
  /** opens a form (a Slack modal); false when it cannot (no trigger, refused) */
  openForm(card: Card): Promise<boolean>;
  /** posts a card as a real message of the conversation (it can be updated later); throws PlatformError */
  post(card: Card): Promise<MessageRef>;
  /** replaces a message `post` returned; throws PlatformError */
  update(at: MessageRef, card: Card): Promise<void>;
}
