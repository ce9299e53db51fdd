/**
 * The parts of the team settings that need no database: which zones can be the team's (their
 * hours must line up with the zone its rollups are cut in), the target paths (each one a number
 * of the KPIs answer) and how the settings document is normalised and diffed for the audit.
 */
import { describe, expect, it } from 'vitest';
import { emptyStats, kpisFromStats, KPI_TARGET_PATHS, kpiValueAt } from '../../src/core/kpi/stats.js';
import { changesBetween } from '../../src/core/settings/diff.js';
import { ZSettingsPatch } from '../../src/core/settings/schema.js';
import { canonicalZone, misalignment } from '../../src/core/settings/zone.js';

const NOW = new Date('2026-11-25T15:00:00Z');

describe('time zones of a team', () => {
  it('accepts zones whose offset from the rollup zone is always whole hours, DST or not', () => {
    for (const zone of ['America/Sao_Paulo', 'America/Manaus', 'Europe/Lisbon', 'America/New_York', 'Asia/Tokyo', 'UTC', 'Etc/GMT+3', 'Pacific/Auckland']) {
      expect(misalignment(zone, 'America/Sao_Paulo', NOW), zone).toBeNull();
    }
  });

  it('refuses zones a half hour (or 45 minutes) away, at some instant of two years either side', () => {
    expect(misalignment('Asia/Kolkata', 'America/Sao_Paulo', NOW)).toMatchObject({ difference: '+8:30' });
    expect(misalignment('America/St_Johns', 'America/Sao_Paulo', NOW)).toMatchObject({ difference: expect.stringMatching(/^[+−]0:30$/) });
    expect(misalignment('Asia/Kathmandu', 'UTC', NOW)).toMatchObject({ difference: '+5:45' });
    // Lord Howe moves by 30 minutes in summer: whole hours from UTC half the year only
    expect(misalignment('Australia/Lord_Howe', 'UTC', NOW)).not.toBeNull();
    // and the other way round: a half-hour rollup zone takes the half-hour zones
    expect(misalignment('Asia/Colombo', 'Asia/Kolkata', NOW)).toBeNull();
  });

  it('reads names in any case, keeps their usual spelling, and refuses bare offsets and unknown names', () => {
    expect(canonicalZone('america/sao_paulo')).toBe('America/Sao_Paulo');
    expect(canonicalZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(canonicalZone('UTC')).toBe('UTC');
    for (const bad of ['+03:00', 'GMT-3 ', 'Mars/Olympus_Mons', '', '../etc/passwd']) expect(canonicalZone(bad), bad).toBeNull();
  });
});

describe('KPI target paths', () => {
  it('each names a number of the KPIs answer (GET /api/v1/kpis `current`)', () => {
    const kpis = kpisFromStats(emptyStats(), 0);
    for (const path of KPI_TARGET_PATHS) {
      let cur: unknown = kpis;
      for (const part of path.split('.')) {
        expect(cur, path).toHaveProperty(part);
        cur = (cur as Record<string, unknown>)[part];
      }
      expect(cur === null || typeof cur === 'number', path).toBe(true);
    }
    expect(kpiValueAt(kpis, 'volume')).toBe(0);
    expect(kpiValueAt(kpis, 'csat.score')).toBeNull();
    expect(KPI_TARGET_PATHS).toHaveLength(18);
  });
});

describe('the settings patch', () => {
  it('normalises holidays, weekdays and role ids', () => {
    const p = ZSettingsPatch.parse({
      holidays: ['2026-12-25', '2026-01-01', '2026-12-25'],
      businessHours: { days: ['sun', 'mon', 'mon'], from: '08:00', to: '17:30' },
      roles: { admins: ['U0123', 'U0123'], supervisors: ['AB12CD34-0000-4000-8000-0000000000EF', 'S0GROUP1'] },
    });
    expect(p.holidays).toEqual(['2026-01-01', '2026-12-25']);
    expect(p.businessHours).toEqual({ days: ['mon', 'sun'], from: '08:00', to: '17:30' });
    expect(p.roles).toEqual({ admins: ['U0123'], supervisors: ['ab12cd34-0000-4000-8000-0000000000ef', 'S0GROUP1'] });
  });

  it('names every unknown KPI path and out-of-range value at once', () => {
    const r = ZSettingsPatch.safeParse({ targets: { 'csat.score': { op: '>=', value: 1.2 }, 'nps.score': { op: '>=', value: 120 }, 'csat.mean': { op: '>=', value: 0 }, nope: null, fcrRate: { op: '=', value: 0.5 } } });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => `${i.path.join('.')}:${i.message}`).sort()).toEqual(
      ['targets.csat.mean.value:settings.target_mean5', 'targets.csat.score.value:settings.target_rate', 'targets.fcrRate.op', 'targets.nope:settings.unknown_kpi', 'targets.nps.score.value:settings.target_nps'].map((s) => expect.stringContaining(s)).sort(),
    );
  });

  it('diffs two documents by changed leaf, targets and lists whole', () => {
    const before = { timezone: 'UTC', targets: { 'csat.score': { op: '>=', value: 0.8 } }, roles: { admins: ['U1'], supervisors: [] }, businessHours: null };
    const after = { timezone: 'UTC', targets: { 'csat.score': { op: '>=', value: 0.9 }, volume: { op: '>=', value: 10 } }, roles: { admins: ['U1', 'U2'], supervisors: [] }, businessHours: { days: ['mon'], from: '09:00', to: '18:00' } };
    expect(changesBetween(before, after)).toEqual([
      { path: 'businessHours', before: null, after: { days: ['mon'], from: '09:00', to: '18:00' } },
      { path: 'roles.admins', before: ['U1'], after: ['U1', 'U2'] },
      { path: 'targets.csat.score', before: { op: '>=', value: 0.8 }, after: { op: '>=', value: 0.9 } },
      { path: 'targets.volume', before: null, after: { op: '>=', value: 10 } },
    ]);
    expect(changesBetween(before, structuredClone(before))).toEqual([]);
  });
});
