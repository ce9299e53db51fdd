import type { Platform } from '../chat/types.js';
import type { Locale } from '../i18n/index.js';
import type { KpiArgs } from '../periods/index.js';

/** A KPI card kept fresh in place (`/kpi week live`). */
export interface LiveCard {
  id: string;
  tenantId: string;
  platform: Platform;
  channelId: string;
  /** Slack message ts / Teams activity id */
  messageId: string;
  args: KpiArgs;
  locale: Locale;
  userId: string;
  isSupervisor: boolean;
  until: Date;
  refreshedAt: Date;
}

export interface LiveCardStore {
  add(card: Omit<LiveCard, 'id'>): Promise<LiveCard>;
  get(tenantId: string, id: string): Promise<LiveCard | null>;
  remove(tenantId: string, id: string): Promise<boolean>;
  /** cards of a tenant not refreshed since `before` and not expired at `now` */
  due(tenantId: string, before: Date, now: Date): Promise<LiveCard[]>;
  /** claims a refresh: true for exactly one caller per card and refresh time */
  claim(tenantId: string, id: string, previous: Date, now: Date): Promise<boolean>;
  tenants(): Promise<string[]>;
}
