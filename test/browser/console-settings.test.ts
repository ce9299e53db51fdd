/**
 * The console's Settings page, in Debian's Chromium (playwright-core, no download), clock
 * pinned: a bad target and bad business hours get a message beside each field and change
 * nothing; a target set there shows as 🎯 on the console's KPI card.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { consoleSetup } from '../../src/cli/console-mode.js';
import { CONSOLE_TENANTS, CONSOLE_USERS } from '../../src/adapters/console/users.js';
import { ingestInteractions } from '../../src/core/ingest/ingest-records.js';
import { createService, type Service } from '../../src/service.js';
import { createLogger } from '../../src/infra/observability/logger.js';
import { connectTestDb, type TestDb } from '../support/mongo.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
let browser: Browser;
let page: Page;
let service: Service;
let db: TestDb;
let url: string;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

const messages = () => page.locator('[data-testid="message"]');
async function waitForText(text: string, timeout = 15_000) {
  await expect.poll(async () => (await messages().allInnerTexts()).some((m) => m.includes(text)), { timeout }).toBe(true);
}
const shot = async (name: string) => {
  mkdirSync('test/artifacts', { recursive: true });
  await page.screenshot({ path: `test/artifacts/console-${name}.png`, fullPage: false });
};
const storedTarget = async () => (await service.deps.targets.list(CONSOLE_TENANTS.slack)).find((t) => t.kpi === 'backlog');

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  db = await connectTestDb('console-settings');
  const port = await freePort();
  const setup = consoleSetup(loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', PORT: String(port), DEFAULT_LOCALE: 'en' }));
  const offset = Date.now() - Date.parse('2026-11-26T12:00:00Z');
  service = await createService({ config: setup.config, mongoUri: db.uri, logger: createLogger('silent'), console: setup.console!, jobs: false, now: () => new Date(Date.now() - offset) });
  url = (await service.start(port, '127.0.0.1')).url;
  // a few tickets of this week and the supervisor as admin (lighter than the demo seeding)
  const tenantId = CONSOLE_TENANTS.slack;
  await service.deps.tenants.update(tenantId, { roles: { admins: [CONSOLE_USERS[0].slackId], supervisors: [CONSOLE_USERS[0].slackId] } });
  const tickets = ['S-1', 'S-2', 'S-3'].map((externalId, i) => ({ externalId, channel: 'chat', status: i === 0 ? 'open' : 'resolved', createdAt: '2026-11-24T13:00:00Z', firstResponseAt: '2026-11-24T13:10:00Z', ...(i === 0 ? {} : { resolvedAt: '2026-11-24T15:00:00Z' }), customer: { id: `c-${i}` }, agent: { id: 'ana' } }));
  const report = await ingestInteractions(service.deps, { tenantId, contentType: 'application/json', body: JSON.stringify(tickets), kind: 'json', locale: 'en' });
  expect(report.accepted).toBe(3);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(`${url}/console`);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await service?.stop();
  await db?.drop();
});

describe.skipIf(!existsSync(CHROMIUM))('the console’s Settings page', () => {
  it('shows the 400 messages per field and saves nothing', async () => {
    await page.getByTestId('look').selectOption('slack');
    await page.getByTestId('lang').selectOption('en');
    await page.getByTestId('open-settings').click();
    const settings = page.getByTestId('settings');
    await expect.poll(() => settings.getByTestId('settings-timezone').inputValue()).toBe('America/Sao_Paulo');
    expect(await settings.getByTestId('target-row').count()).toBe(0);
    await settings.getByTestId('add-target').click();
    const row = settings.getByTestId('target-row').last();
    await row.getByTestId('target-kpi').selectOption('backlog');
    await row.getByTestId('target-op').selectOption('<=');
    await row.getByTestId('target-value').fill('-5');
    await settings.getByTestId('hours-24x7').uncheck();
    await settings.getByTestId('hours-from').fill('25:00');
    await settings.getByTestId('settings-save').click();
    await expect.poll(() => settings.getByTestId('errors-targets').innerText()).toMatch(/backlog/);
    expect(await settings.getByTestId('errors-businessHours').innerText()).toMatch(/25:00|HH:MM|time/i);
    expect(await settings.getByTestId('errors-holidays').isHidden()).toBe(true);
    expect(await settings.getByTestId('settings-saved').isHidden()).toBe(true);
    await shot('settings-errors');
    expect(await storedTarget()).toBeUndefined();
  });

  it('sets a target that the KPI card then shows as 🎯', async () => {
    const settings = page.getByTestId('settings');
    await settings.getByTestId('target-row').last().getByTestId('target-value').fill('37');
    await settings.getByTestId('hours-from').fill('09:00');
    await settings.getByTestId('settings-save').click();
    await expect.poll(() => settings.getByTestId('settings-saved').isVisible()).toBe(true);
    expect(await settings.getByTestId('errors-targets').isHidden()).toBe(true);
    expect(await storedTarget()).toMatchObject({ op: '<=', value: 37 });
    await settings.getByTestId('settings-close').click();
    await page.getByTestId('user').selectOption('supervisor');
    await page.getByTestId('command').fill('/kpi week');
    await page.getByTestId('send').click();
    await waitForText('🎯 ≤ 37');
    await shot('settings-target-on-card');
  });
});
