/**
 * The Teams settings card (the form, the form with errors, the saved card) renders in
 * Microsoft's `adaptivecards` JS renderer in headless Chromium without parse or validation
 * errors, with an input for every field of the form.
 */
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsCard, settingsSavedCard } from '../../src/adapters/teams/render/settings-card.js';
import { DEFAULT_SLA_POLICY } from '../../src/core/domain/interaction.js';
import { settingsForm, summaryOf, type TSettings } from '../../src/core/settings/index.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const RENDERER = readFileSync('node_modules/adaptivecards/dist/adaptivecards.js', 'utf8');
let browser: Browser;

const AAD = '0b1f0000-0000-4000-8000-000000000001';
const SETTINGS: TSettings = {
  timezone: 'America/Sao_Paulo',
  locale: 'pt-BR',
  targets: { 'csat.score': { op: '>=', value: 0.85 } },
  slaPolicy: DEFAULT_SLA_POLICY,
  businessHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' },
  holidays: ['2026-12-25'],
  roles: { admins: [AAD], supervisors: [] },
  surveys: { autoSend: { enabled: false, type: 'csat', delayHours: 0, platform: 'teams' }, expiryDays: 7, reasons: [], supervisorsChannel: null },
  privacy: { retentionDays: null },
};
const form = settingsForm(SETTINGS, [{ agentId: 'ana', teamsAadId: AAD, name: 'Ana' }], 'teams', 'pt-BR');
const nameOf = (id: string) => (id === AAD ? 'Olga Ramos' : undefined);
const CARDS = {
  form: settingsCard(form, { nameOf, usersPlaceholder: 'GUID' }),
  errors: settingsCard(form, { nameOf, usersPlaceholder: 'GUID', refused: 'Nada foi salvo.', errors: { 'sla.high.first': 'Informe um número inteiro de minutos.' } }),
  saved: settingsSavedCard('✅ Configurações salvas.', summaryOf(SETTINGS, 'pt-BR')),
};

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});
afterAll(async () => browser?.close());

describe.skipIf(!existsSync(CHROMIUM))('the Teams settings card in Microsoft’s renderer', () => {
  for (const [name, card] of Object.entries(CARDS)) {
    it(`renders the ${name} card without errors`, async () => {
      const page = await browser.newPage({ viewport: { width: 760, height: 900 } });
      await page.setContent('<html><body><div id="card" style="width:720px"></div></body></html>');
      await page.addScriptTag({ content: RENDERER });
      const result = await page.evaluate((json) => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the renderer is a browser global without types here
        const g = globalThis as unknown as { AdaptiveCards: any; document: any };
        const AC = g.AdaptiveCards;
        const c = new AC.AdaptiveCard();
        const context = new AC.SerializationContext();
        c.parse(json, context);
        const errors: string[] = [];
        for (let i = 0; i < context.eventCount; i++) errors.push(`parse ${context.getEventAt(i).event}: ${context.getEventAt(i).message}`);
        for (const e of c.validateProperties().validationEvents) errors.push(`validate ${e.event}: ${e.message}`);
        const el = c.render();
        g.document.getElementById('card').appendChild(el);
        const ids = (c.getAllInputs() as { id: string }[]).map((i) => i.id);
        return { errors, ids, text: el.innerText as string };
      }, card);
      await page.close();
      expect(result.errors).toEqual([]);
      if (name === 'saved') expect(result.text).toContain('Fuso America/Sao_Paulo');
      else expect(result.ids).toEqual(form.sections.flatMap((s) => s.fields.map((f) => f.id)));
      if (name === 'errors') expect(result.text).toContain('Informe um número inteiro de minutos.');
    });
  }
});
