/**
 * The console from an empty database, in Debian's Chromium (playwright-core, no download):
 * /kpi with its buttons, a CSAT survey answered as the customer moving the numbers, a meeting
 * created, run and ended with its minutes, a report preview, and the Teams look — screenshots
 * in test/artifacts/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { consoleSetup, prepareConsoleTenant } from '../../src/cli/console-mode.js';
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

const shot = async (name: string) => {
  mkdirSync('test/artifacts', { recursive: true });
  await page.screenshot({ path: `test/artifacts/console-${name}.png`, fullPage: false });
};
const messages = () => page.locator('[data-testid="message"]');
async function send(text: string) {
  await page.getByTestId('command').fill(text);
  await page.getByTestId('send').click();
}
async function waitForText(text: string | RegExp, timeout = 15_000) {
  await expect.poll(async () => (await messages().allInnerTexts()).some((m) => (typeof text === 'string' ? m.includes(text) : text.test(m))), { timeout }).toBe(true);
}
const messageWith = (text: string) => messages().filter({ hasText: text }).last();
const select = (id: string, value: string) => page.getByTestId(id).selectOption(value);

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  db = await connectTestDb('console');
  const port = await freePort();
  const setup = consoleSetup(loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', PORT: String(port), DEFAULT_LOCALE: 'pt-BR' }));
  // the labels below name the week of Nov 26, 2026: the service's clock runs from there
  const offset = Date.now() - Date.parse('2026-11-26T12:00:00Z');
  service = await createService({ config: setup.config, mongoUri: db.uri, logger: createLogger('silent'), console: setup.console!, jobs: false, now: () => new Date(Date.now() - offset) });
  url = (await service.start(port, '127.0.0.1')).url;
  expect(await prepareConsoleTenant(service)).toBe(true);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(`${url}/console`);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await service?.stop();
  await db?.drop();
});

describe.skipIf(!existsSync(CHROMIUM))('the console', () => {
  it('/kpi semana, then previous and next period and breakdown by channel, in place', async () => {
    await select('look', 'slack');
    await select('user', 'supervisor');
    await select('lang', 'pt-BR');
    await send('/kpi semana');
    await waitForText('KPIs do atendimento — Esta semana');
    await shot('kpi');
    const card = messageWith('KPIs do atendimento');
    const count = await messages().count();
    await card.getByTestId('button').filter({ hasText: 'Anterior' }).click();
    // the same message now shows the week before (Nov 16 – 22)
    await waitForText(/KPIs do atendimento — .*16 – 22 de nov/);
    // and "next" brings this week back, in the same message
    await messageWith('16 – 22 de nov').getByTestId('button').filter({ hasText: 'Próximo' }).click();
    await waitForText(/KPIs do atendimento — [^\n]*23 – /);
    await messageWith('KPIs do atendimento').getByTestId('button').filter({ hasText: 'Por canal' }).click();
    await waitForText(/(chat|email|phone|whatsapp)[^\n]*·/);
    expect(await messages().count()).toBe(count);
    await shot('kpi-breakdown');
  });

  it('sends a CSAT survey, answers it as the customer and sees the results change', async () => {
    await send('/survey resultados semana');
    await waitForText('Resultados das pesquisas');
    const before = await messageWith('Resultados das pesquisas').innerText();
    await send('/survey enviar csat @carlos');
    await waitForText('Pesquisa enviada (CSAT)');
    await select('user', 'customer');
    await select('conversation', 'DM');
    await waitForText('How satisfied are you');
    await messageWith('How satisfied are you').getByTestId('button').filter({ hasText: 'Very satisfied' }).click();
    await waitForText('Thank you! Your answer: 😄 5/5');
    await shot('survey-answered');
    await select('user', 'supervisor');
    await select('conversation', 'CDEMO001');
    await send('/survey resultados semana');
    await expect.poll(async () => (await messages().filter({ hasText: 'Resultados das pesquisas' }).count()), { timeout: 15_000 }).toBe(2);
    const after = await messageWith('Resultados das pesquisas').innerText();
    const responses = (s: string) => Number(/Respostas\s*\n?\s*([\d.]+)/.exec(s)?.[1]?.replace('.', '') ?? NaN);
    expect(responses(after)).toBe(responses(before) + 1);
  });

  it('creates, runs and ends a meeting, with a note from the modal, and shows the minutes', async () => {
    await send('/meeting new Revisão do console | amanhã 10:00 | 30 | KPIs (10), Escalonamentos (10)');
    await waitForText('📅 Revisão do console');
    await send('/meeting start');
    await waitForText('Ao vivo: Revisão do console');
    const live = messageWith('Ao vivo: Revisão do console');
    await live.getByTestId('button').filter({ hasText: 'Adicionar nota' }).click();
    const modal = page.getByTestId('modal');
    await expect.poll(() => modal.isVisible(), { timeout: 10_000 }).toBe(true);
    await modal.locator('textarea').first().fill('Fila do chat acima da meta');
    await page.getByTestId('modal-submit').click();
    await waitForText('Fila do chat acima da meta');
    await shot('meeting-live');
    await messageWith('Ao vivo: Revisão do console').getByTestId('button').filter({ hasText: 'Encerrar reunião' }).click();
    await waitForText('Ata: Revisão do console');
    await shot('meeting-minutes');
  });

  it('plans the weekly review from the /meeting new form by picking its template', async () => {
    await send('/meeting new');
    const modal = page.getByTestId('modal');
    await expect.poll(() => modal.isVisible(), { timeout: 10_000 }).toBe(true);
    await modal.locator('select[data-block-id="in:template"]').selectOption('weekly');
    await modal.locator('input[type="date"]').fill('2026-11-27');
    await modal.locator('input[type="time"]').fill('10:00');
    await page.getByTestId('modal-submit').click();
    await waitForText('📅 Revisão semanal da operação de atendimento');
    expect(await messageWith('📅 Revisão semanal da operação de atendimento').innerText()).toMatch(/1\. KPIs da semana \(15 min\)/);
  });

  it('previews a report, and speaks Teams too', async () => {
    await send('/report preview semana passada');
    await waitForText('Relatório');
    await waitForText('Resumo executivo');
    await shot('report-preview');
    await select('look', 'teams');
    await select('lang', 'en');
    await send('kpi week');
    await waitForText('Customer service KPIs');
    await shot('teams-kpi');
    // a card button is an invoke to /api/messages (the console's Teams tenant, a GUID)
    await messageWith('Customer service KPIs').getByTestId('button').filter({ hasText: 'Previous' }).click();
    await waitForText(/Customer service KPIs — [^\n]*Nov 16 – 22/);
  });
});
