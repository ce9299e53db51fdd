import type { Locale } from '../i18n/index.js';
import type { KpiArgs } from '../periods/index.js';
import type { WorkspaceAdmins } from '../ports/workspace-admins.js';
import type { ChatProfile, PlatformName } from '../ports/chat-platform.js';
import type { ActionRef, Card, Notice } from '../cards/card.js';

export type Platform = PlatformName;

/** Who acts, where: built by each adapter from the platform payload. */
export interface BotContext {
  platform: Platform;
  /** what core knows of that platform (its name is `platform`): command prefix, limits, posting */
  chat: ChatProfile;
  tenantId: string;
  userId: string;
  /** other ids of the same person (Teams: the 29:… id beside the AAD object id) */
  aliases?: string[];
  /** the conversation (Slack channel id, Teams conversation id) */
  channelId: string;
  locale: Locale;
  isSupervisor: boolean;
  now: Date;
  /** the platform's own admins (Slack workspace admins and owners), asked only when needed */
  workspace?: WorkspaceAdmins;
}

/** What the bot answers: a card (shown to the channel or only to the user) or a short notice. */
export type BotReply =
  | {
      kind: 'card';
      card: Card;
      visibility: 'channel' | 'ephemeral';
      /** the user asked to keep this card fresh: post it as a message and register it */
      live?: { args: KpiArgs };
    }
  | { kind: 'notice'; notice: Notice }
  /** a form to fill in now: Slack opens it as a modal, Teams shows the card with it */
  | { kind: 'form'; card: Card };

/** Inbound events, normalised by the adapters (one union for both platforms). */
export type BotEvent =
  | { kind: 'command'; command: string; text: string }
  | { kind: 'action'; action: ActionRef; /** the message the button was on (Slack ts, Teams activity id) */ messageId?: string };

export interface UsageRecord {
  tenantId: string;
  platform: Platform;
  userId: string;
  kind: string;
  outcome: 'ok' | 'refused' | 'invalid' | 'error';
  latencyMs: number;
}

export interface UsageRecorder {
  record(r: UsageRecord): void;
  /** resolves once the records written so far are stored (or failed): before closing storage */
  flush?(): Promise<void>;
}
