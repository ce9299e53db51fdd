import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY } from '../../src/core/domain/interaction.js';
import { settingsForm, type SettingsFormView } from '../../src/core/settings/form.js';
import { agentChanges, fieldOf, formPatch } from '../../src/core/settings/form-values.js';
import type { TSettings } from '../../src/core/settings/schema.js';

const SETTINGS: TSettings = {
  timezone: 'Asia/Kolkata',
  locale: 'en',
  targets: {},
  slaPolicy: DEFAULT_SLA_POLICY,
  businessHours: null,
  holidays: [],
  roles: { admins: ['UADM0001', 'S0GROUP1'], supervisors: [] },
  surveys: { autoSend: { enabled: false, type: 'csat', delayHours: 0, platform: 'slack' }, expiryDays: 7, reasons: [], supervisorsChannel: null },
  privacy: { retentionDays: null },
};
const GUID = '0b1f0000-0000-4000-8000-000000000002';

describe('the settings form view', () => {
  it('offers the team’s own zone beside the list, and shows only the ids the picker can show', () => {
    const view = settingsForm(SETTINGS, [], 'slack', 'en');
    const fields = view.sections.flatMap((s) => s.fields);
    const zone = fields.find((f) => f.id === 'timezone')!;
    expect(zone.options![0]!.value).toBe('Asia/Kolkata');
    expect(zone.options!.map((o) => o.value)).toEqual(expect.arrayContaining(['America/Sao_Paulo', 'America/Manaus', 'Europe/Lisbon', 'UTC']));
    expect(fields.find((f) => f.id === 'roles.admins')!.initial).toEqual(['UADM0001']);
  });

  it('leaves the directory out when it is longer than a text input holds', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ agentId: `agent-number-${i}`, slackUserId: `UAGENT${String(i).padStart(4, '0')}`, name: 'Someone With A Long Name' }));
    const view = settingsForm(SETTINGS, many, 'slack', 'en');
    expect(view.sections.flatMap((s) => s.fields).some((f) => f.id === 'agents')).toBe(false);
  });
});

describe('a submitted settings form', () => {
  it('becomes the PATCH body: no day ticked is 24×7, groups the picker cannot show are kept', () => {
    const errors = {};
    const patch = formPatch({ timezone: 'UTC', locale: 'pt-BR', holidays: '2026-12-25; 2027-01-01', 'roles.admins': ['UADM0001'], 'roles.supervisors': 'USUP0001, USUP0002' }, SETTINGS, 'slack', errors, 'en');
    expect(patch.businessHours).toBeNull();
    expect(patch.holidays).toEqual(['2026-12-25', '2027-01-01']);
    expect(patch.roles).toEqual({ admins: ['UADM0001', 'S0GROUP1'], supervisors: ['USUP0001', 'USUP0002'] });
    // every SLA field is required: empty ones are named
    expect(Object.keys(errors)).toHaveLength(8);
  });

  it('writes changed lines, clears the platform id of removed lines (removing entries with nothing left) and refuses bad or repeated lines', () => {
    const agents = [
      { agentId: 'ana', slackUserId: 'UANA0001', teamsAadId: GUID, name: 'Ana' },
      { agentId: 'bru', slackUserId: 'UBRU0001' },
      { agentId: 'cai', teamsAadId: GUID.replace('2', '3') },
    ];
    const errors: Record<string, string> = {};
    const { cleared, changed } = agentChanges('bru = <@UBRU0001> | Bruno\ndan = UANA0001', agents, 'slack', errors, 'en');
    expect(errors).toEqual({});
    expect(cleared).toEqual([{ agentId: 'ana', teamsAadId: GUID, name: 'Ana' }]);
    expect(changed).toEqual([{ agentId: 'bru', slackUserId: 'UBRU0001', name: 'Bruno' }, { agentId: 'dan', slackUserId: 'UANA0001' }]);
    agentChanges('bru = UBRU0001\nbru = UOTHER01\nx = 1234', agents, 'slack', errors, 'en');
    expect(errors['agents']).toMatch(/Line 2: bru is already on line 1\. Line 3: write agentId = Slack member id/);
  });

  it('names the form field each schema problem is about', () => {
    const view: SettingsFormView = { title: '', submit: '', cancel: '', sections: [{ title: '', fields: [{ id: 'timezone', label: '', kind: 'select', initial: [], optional: false }] }] };
    const at = (field: string, params = {}) => fieldOf({ field, key: 'k', params }, view);
    expect(at('slaPolicy.high.firstResponseMinutes')).toBe('sla.high.first');
    expect(at('', { priority: 'low' })).toBe('sla.low.resolution');
    expect(at('businessHours.to')).toBe('hours.to');
    expect(at('businessHours.days[0]')).toBe('hours.days');
    expect(at('holidays[1]')).toBe('holidays');
    expect(at('roles.supervisors[0]')).toBe('roles.supervisors');
    expect(at('something.else')).toBe('timezone');
  });
});
