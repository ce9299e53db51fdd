/**
 * What a contract scenario needs from a chat platform, and nothing more: start the real
 * service, send a command, press a button of a card, and read back what reached the platform's
 * API, normalised (../normalise.ts). Drivers talk to the service only over HTTP (Slack, Teams)
 * or through the CLI (console), so they hold across refactors of the adapters behind them.
 */
import type { Locale } from '../../../src/core/i18n/index.js';
import type { Service } from '../../../src/service.js';
import type { ChatAction, ChatMsg } from '../normalise.js';

/** supervisor, the person asked in a survey, someone else */
export type Person = 'sup' | 'customer' | 'other';

/**
 * What the platform can do. Scenarios branch on these, never on the driver's name, and a
 * platform without a capability must show the refusal it gives today.
 */
export interface Capabilities {
  /** a person can press a card's buttons */
  click: boolean;
  /** the bot can post on its own (surveys, live cards, reports, schedules) */
  proactive: boolean;
  /** a post whose answer was lost is looked for by its key and not posted again */
  findsLostPost: boolean;
  /** how a report's CSV annex reaches the conversation */
  annex: 'file' | 'link' | null;
}

export interface CommandOptions {
  locale?: Locale;
  as?: Person;
  /** default: the driver's ops conversation */
  conversation?: string;
}

export interface ClickOptions {
  as?: Person;
  /** a forged value instead of the button's */
  value?: string;
  /** the platform delivering the previous click again (Slack retry header, Teams same activity id) */
  retry?: boolean;
  locale?: Locale;
}

export interface ChatDriver {
  name: 'slack' | 'teams' | 'console';
  caps: Capabilities;
  /** the tenant the driver acts for, and its API key */
  tenant: string;
  apiKey: string;
  /** the conversation commands come from */
  conversation: string;
  start(now: () => Date): Promise<void>;
  stop(): Promise<void>;
  /** the REST API with the tenant's key */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** "kpi week", "survey send csat {customer} T-1": `{customer}` becomes a mention of that person */
  command(text: string, o?: CommandOptions): Promise<ChatMsg>;
  /** presses a button of a card the platform shows; resolves with what the platform got back */
  click(on: ChatMsg, action: ChatAction, o?: ClickOptions): Promise<ChatMsg>;
  /** posts, updates and files that reached the platform's API since the last clear() */
  recorded(): ChatMsg[];
  clear(): void;
  /** the stored id of a person (survey respondent) */
  personId(p: Person): string;
  /** the next post to this conversation goes through, but its answer never comes back */
  loseNextAnswer(conversation: string): void;
  /** the CSV behind a report post's annex */
  annexCsv(post: ChatMsg): Promise<string>;
  /** the running service (its scheduled jobs are run by hand with a pinned clock) */
  service(): Service;
}
