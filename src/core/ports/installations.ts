import type { SurveyPlatform } from '../domain/survey.js';

/** One stored record of a platform: a Slack installation (sealed), a Teams conversation reference. */
export interface InstallationRecord {
  tenantId: string;
  platform: SurveyPlatform;
  /** Slack: "team" / "enterprise"; Teams: the conversation id */
  key: string;
}

/**
 * What the platform adapters keep per tenant to reach it later. The data is the adapter's own
 * (opaque here); one record per tenant, platform and key.
 */
export interface InstallationRepository {
  /** a record's data; without `key`, any record of the tenant on that platform */
  find(where: Omit<InstallationRecord, 'key'> & { key?: string }): Promise<Record<string, unknown> | null>;
  /** writes a record's data whole (created when absent) */
  put(where: InstallationRecord, data: Record<string, unknown>, at: Date): Promise<void>;
  /** removes fields of a record's data (dotted paths inside it) */
  unsetFields(where: InstallationRecord, fields: string[], at: Date): Promise<void>;
  remove(where: InstallationRecord): Promise<void>;
}
