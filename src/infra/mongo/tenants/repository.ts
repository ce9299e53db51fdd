import type { Connection } from 'mongoose';
import type { TenantDefaults, TenantRoles, TenantSettings } from '../../../core/domain/tenant.js';
import type { TenantStore } from '../../../core/ports/tenants.js';
import { DEFAULT_SURVEY_SETTINGS, type SurveySettings } from '../../../core/domain/survey.js';
import { ZBusinessHours, ZHolidays } from '../../../core/settings/fields.js';
import { tenantModel } from './schema.js';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Stored roles; the older `supervisorIds` field counts as supervisors. */
function rolesOf(d: Record<string, unknown>): TenantRoles {
  const r = (d['roles'] ?? {}) as Record<string, unknown>;
  return { admins: strings(r['admins']), supervisors: [...new Set([...strings(r['supervisors']), ...strings(d['supervisorIds'])])] };
}

const toSettings = (d: Record<string, unknown>): TenantSettings => ({
  tenantId: String(d['tenantId']),
  ...(d['name'] ? { name: String(d['name']) } : {}),
  timezone: d['timezone'] as string,
  rollupTimezone: (d['rollupTimezone'] ?? d['timezone']) as string,
  locale: d['locale'] as TenantSettings['locale'],
  slaPolicy: d['slaPolicy'] as TenantSettings['slaPolicy'],
  roles: rolesOf(d),
  ...(d['supervisorsChannel'] ? { supervisorsChannel: d['supervisorsChannel'] as NonNullable<TenantSettings['supervisorsChannel']> } : {}),
  surveys: surveySettings(d['surveys']),
  ...(typeof d['retentionDays'] === 'number' ? { retentionDays: d['retentionDays'] } : {}),
  // read through their schemas: a document that drifted reads as 24×7 / no holidays
  businessHours: ZBusinessHours.safeParse(d['businessHours']).data ?? null,
  holidays: ZHolidays.safeParse(d['holidays'] ?? []).data ?? [],
});

/** Stored survey settings over the defaults (older tenants have none or only some). */
function surveySettings(stored: unknown): SurveySettings {
  const s = (stored ?? {}) as Partial<SurveySettings>;
  return { ...DEFAULT_SURVEY_SETTINGS, ...s, autoSend: { ...DEFAULT_SURVEY_SETTINGS.autoSend, ...(s.autoSend ?? {}) } };
}

export function createTenantRepository(conn: Connection, defaults: TenantDefaults): TenantStore {
  const model = tenantModel(conn);
  return {
    async get(tenantId) {
      // every request reads its tenant: a plain read, and a write only the first time
      const found = (await model.findOne({ tenantId }).lean().exec()) as Record<string, unknown> | null;
      if (found && found['supervisorIds'] !== undefined) {
        // a tenant stored before roles existed: its supervisors move into roles, once
        const roles = rolesOf(found);
        await model.updateOne({ tenantId }, { $set: { roles }, $unset: { supervisorIds: '' } }).exec();
        return toSettings({ ...found, roles, supervisorIds: undefined });
      }
      if (found) return toSettings(found);
      const now = new Date();
      // insert-if-absent keeps concurrent first requests from racing
      const doc = await model
        .findOneAndUpdate(
          { tenantId },
          { $setOnInsert: { tenantId, ...defaults, rollupTimezone: defaults.timezone, roles: { admins: [], supervisors: [] }, createdAt: now, updatedAt: now } },
          { upsert: true, returnDocument: 'after', lean: true },
        )
        .exec();
      return toSettings(doc as unknown as Record<string, unknown>);
    },
    async update(tenantId, patch) {
      const before = await this.get(tenantId);
      // the rollups stay cut in the zone they were written in (a tenant from before this field: its zone until now)
      if (patch.timezone !== undefined) patch = { rollupTimezone: before.rollupTimezone, ...patch };
      // undefined clears a setting (e.g. complaint alerts turned off)
      const unset = Object.fromEntries(Object.entries(patch).filter(([, v]) => v === undefined).map(([k]) => [k, '']));
      const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const doc = await model
        .findOneAndUpdate({ tenantId }, { $set: { ...set, updatedAt: new Date() }, ...(Object.keys(unset).length ? { $unset: unset } : {}) }, { returnDocument: 'after', lean: true })
        .exec();
      return toSettings(doc as unknown as Record<string, unknown>);
    },
  };
}
