/** `/kpi target …`: every KPI path the settings accept, short names, values in the user's unit. */
import { describe, expect, it } from 'vitest';
import { KPI_TARGET_PATHS } from '../../src/core/kpi/stats.js';
import { parseTargetCommand, parseTargetValue, targetKpiByName } from '../../src/core/settings/target-parse.js';
import { ValidationError } from '../../src/core/errors.js';
import { parseThreshold } from '../../src/core/alerts/parse.js';
import { alertKpiByName } from '../../src/core/alerts/kpis.js';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return { key: e.messageKey, params: e.params };
    throw e;
  }
  return null;
};

describe('the KPI', () => {
  it('takes every path the settings accept, in any case', () => {
    for (const p of KPI_TARGET_PATHS) {
      expect(targetKpiByName(p)).toBe(p);
      expect(targetKpiByName(p.toUpperCase())).toBe(p);
    }
  });

  it('takes short names in en and pt-BR', () => {
    const names: Record<string, string> = {
      csat: 'csat.score', nps: 'nps.score', frt: 'firstResponseMinutes.median', 'frt.median': 'firstResponseMinutes.median',
      'frt.p90': 'firstResponseMinutes.p90', 'frt.mean': 'firstResponseMinutes.mean', 'tpr.mediana': 'firstResponseMinutes.median',
      art: 'resolutionMinutes.median', resolution: 'resolutionMinutes.median', 'resolução': 'resolutionMinutes.median', 'art.p90': 'resolutionMinutes.p90',
      sla: 'slaCompliance', reopen: 'reopenRate', reabertura: 'reopenRate', fcr: 'fcrRate', volume: 'volume', backlog: 'backlog', cpc: 'contactsPerCustomer',
      tmr: 'resolutionMinutes.mean', escalation: 'escalationMinutes.mean',
    };
    for (const [name, path] of Object.entries(names)) expect(targetKpiByName(name), name).toBe(path);
  });

  it('refuses others, listing the short names and the paths', () => {
    for (const name of ['foo', 'escalation.p90', 'frt.p99', 'constructor', 'csat.score.x']) expect(targetKpiByName(name), name).toBeUndefined();
    const r = refusal(() => parseTargetCommand('foo >= 1'));
    expect(r).toMatchObject({ key: 'kpi_target.unknown_kpi', params: { name: 'foo' } });
    expect(String(r!.params['names'])).toContain('csat');
    expect(String(r!.params['paths'])).toContain('firstResponseMinutes.median');
    expect(refusal(() => parseTargetCommand('remove foo'))).toMatchObject({ key: 'kpi_target.unknown_kpi' });
  });
});

describe('the value, in the user’s unit', () => {
  it('rates: 85%, 0.85 (pt-BR 0,85) or a bare 85, read as /kpi alert reads them', () => {
    expect(parseTargetValue('csat.score', '85%')).toBe(0.85);
    expect(parseTargetValue('slaCompliance', '0.9')).toBe(0.9);
    expect(parseTargetValue('slaCompliance', '0,9')).toBe(0.9);
    expect(parseTargetValue('reopenRate', '7,5%')).toBe(0.075);
    expect(parseTargetValue('csat.score', '85')).toBe(0.85);
    expect(parseTargetValue('csat.score', '85')).toBe(parseThreshold(alertKpiByName('csat')!, '85'));
    expect(refusal(() => parseTargetValue('csat.score', '185'))).toMatchObject({ key: 'kpi_target.bad_value_rate' });
    expect(refusal(() => parseTargetValue('csat.score', '-5%'))).toMatchObject({ key: 'kpi_target.bad_value_rate' });
    expect(refusal(() => parseTargetValue('csat.score', '120%'))).toMatchObject({ key: 'kpi_target.bad_value_rate' });
  });

  it('times: minutes, 90min, 30m, 1h, 1h30, 1,5h', () => {
    expect(parseTargetValue('firstResponseMinutes.median', '45')).toBe(45);
    expect(parseTargetValue('firstResponseMinutes.median', '90min')).toBe(90);
    expect(parseTargetValue('firstResponseMinutes.median', '30m')).toBe(30);
    expect(parseTargetValue('firstResponseMinutes.median', '1h')).toBe(60);
    expect(parseTargetValue('firstResponseMinutes.median', '1h30')).toBe(90);
    expect(parseTargetValue('firstResponseMinutes.median', '1,5h')).toBe(90);
    for (const bad of ['h', '1x', '85%', '-5', '']) expect(refusal(() => parseTargetValue('firstResponseMinutes.median', bad)), bad).toMatchObject({ key: 'kpi_target.bad_value_minutes' });
  });

  it('plain numbers in the KPI’s unit, decimal comma included; % only for rates', () => {
    expect(parseTargetValue('csat.mean', '4,5')).toBe(4.5);
    expect(parseTargetValue('nps.score', '-10')).toBe(-10);
    expect(parseTargetValue('backlog', '200')).toBe(200);
    expect(parseTargetValue('contactsPerCustomer', '1,2')).toBe(1.2);
    expect(refusal(() => parseTargetValue('nps.score', '40%'))).toMatchObject({ key: 'kpi_target.bad_value_nps' });
  });
});

describe('the command', () => {
  it('reads set, list and remove (en and pt-BR), Slack-escaped operators included', () => {
    expect(parseTargetCommand('csat >= 85%')).toEqual({ kind: 'set', kpi: 'csat.score', op: '>=', value: 0.85 });
    expect(parseTargetCommand('frt.median &lt;= 1h')).toEqual({ kind: 'set', kpi: 'firstResponseMinutes.median', op: '<=', value: 60 });
    expect(parseTargetCommand('csat>=85 %')).toEqual({ kind: 'set', kpi: 'csat.score', op: '>=', value: 0.85 });
    expect(parseTargetCommand('frt ≤ 90 min')).toEqual({ kind: 'set', kpi: 'firstResponseMinutes.median', op: '<=', value: 90 });
    expect(parseTargetCommand('list')).toEqual({ kind: 'list' });
    expect(parseTargetCommand('lista')).toEqual({ kind: 'list' });
    expect(parseTargetCommand('')).toEqual({ kind: 'list' });
    expect(parseTargetCommand('remove csat')).toEqual({ kind: 'remove', kpi: 'csat.score' });
    expect(parseTargetCommand('remover frt.p90')).toEqual({ kind: 'remove', kpi: 'firstResponseMinutes.p90' });
  });

  it('refuses a strict comparison or none, and a KPI without a value', () => {
    expect(refusal(() => parseTargetCommand('csat > 85%'))).toMatchObject({ key: 'kpi_target.bad_op', params: { op: '>' } });
    expect(refusal(() => parseTargetCommand('csat = 85%'))).toMatchObject({ key: 'kpi_target.bad_op' });
    expect(refusal(() => parseTargetCommand('csat'))).toMatchObject({ key: 'kpi_target.bad_definition' });
  });
});
