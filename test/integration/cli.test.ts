import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeToText } from '../../src/adapters/text/render.js';
import { runCli } from '../../src/cli/ops.js';
import { t } from '../../src/core/i18n/index.js';
import { startTestService, type TestService } from '../support/service.js';

// a Wednesday: every interaction below falls in this week (America/Sao_Paulo)
const NOW = new Date('2026-11-25T15:05:00Z');
const BIN = fileURLToPath(new URL('../../bin/cs-ops.mjs', import.meta.url));
let svc: TestService;

beforeAll(async () => {
  svc = await startTestService({}, () => NOW);
  const records = Array.from({ length: 20 }, (_, i) => {
    const created = NOW.getTime() - (i + 1) * 2 * 3_600_000;
    return {
      externalId: `cli-${i}`,
      channel: i % 2 ? 'email' : 'chat',
      customer: { id: `c${i}` },
      agent: { id: 'ana' },
      status: 'resolved',
      createdAt: new Date(created).toISOString(),
      firstResponseAt: new Date(created + 15 * 60_000).toISOString(),
      resolvedAt: new Date(created + 60 * 60_000).toISOString(),
    };
  });
  const res = await svc.api('/api/v1/interactions', { method: 'POST', body: JSON.stringify(records), headers: { 'content-type': 'application/json' } });
  expect(res.status).toBe(200);
});
afterAll(async () => svc?.stop());

/** The CLI in-process against the test database, output captured. */
async function cli(...argv: string[]) {
  const out = { stdout: '', stderr: '' };
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (out.stdout += s) },
    stderr: { write: (s: string) => (out.stderr += s) },
    env: { NODE_ENV: 'test', MONGODB_URI: svc.db.uri },
    now: () => NOW,
  });
  return { code, ...out };
}

/** The CLI as `npx cs-ops` runs it: the bin launcher in a child process. */
function bin(argv: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = { stdout: '', stderr: '' };
    child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, ...out }));
  });
}

describe('cs-ops', () => {
  it('prints the KPI card with its numbers', async () => {
    const r = await cli('kpi', 'week', '--tenant', 'TA', '--supervisor', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Customer service KPIs — This week so far \(Nov 23 – 25, 2026\)\n═+\n/);
    expect(r.stdout).toMatch(/^Volume: +20\b/m);
    expect(r.stdout).toMatch(/^Resolved: +20\b/m);
    expect(r.stdout).toMatch(/^First response \(median\): +15 min\b/m);
    expect(r.stdout).toContain('[ ◀ Previous ]');
    expect(r.stdout).not.toMatch(/[\uE000\uE001]/);
  });

  it("speaks the tenant's language unless --lang says otherwise", async () => {
    const r = await cli('kpi', 'week', '--tenant', 'TA', '--supervisor');
    expect(r.stdout).toMatch(/^KPIs do atendimento — Esta semana até agora/);
  });

  it('prints the raw reply as parseable JSON with --json', async () => {
    const r = await cli('kpi', 'week', '--tenant', 'TA', '--supervisor', '--json');
    expect(r.code).toBe(0);
    const reply = JSON.parse(r.stdout) as { kind: string; card: { title: string; elements: { type: string }[] } };
    expect(reply.kind).toBe('card');
    expect(reply.card.title).toMatch(/^KPIs do atendimento/);
    expect(reply.card.elements.map((e) => e.type)).toContain('metrics');
  });

  it('exits 1 with the localized error when the bot refuses', async () => {
    const r = await cli('kpi', 'week', '--tenant', 'TA', '--user', 'nobody', '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(noticeToText({ text: t('en', 'kpi.forbidden'), tone: 'bad' }));
    // listing works from a terminal; posting into a chat does not
    const list = await cli('actions', 'team', '--tenant', 'TA', '--user', 'U123', '--channel', 'C1', '--lang', 'en');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(t('en', 'actions.title.team'));
    const platform = await cli('meeting', 'start', '--tenant', 'TA', '--user', 'U123', '--channel', 'C1', '--lang', 'en');
    expect(platform.code).toBe(1);
    expect(platform.stderr).toBe(noticeToText({ text: t('en', 'survey.platform_not_configured', { platform: 'console' }), tone: 'bad' }));
  });

  it('exits 2 with one clear line for bad arguments', async () => {
    for (const [argv, message] of [
      [['kpi', '--bogus'], /^cs-ops: unknown option '--bogus' \(see cs-ops --help\)\n$/],
      [['kpi', '--lang', 'fr'], /^cs-ops: --lang must be pt-BR or en \(got "fr"\)/],
      [['frob'], /^cs-ops: unknown command "frob"; use one of kpi, survey/],
      [['kpi', '--tenant'], /^cs-ops: option '--tenant <value>' argument missing/],
    ] as const) {
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('runs through the bin launcher with its exit status and output', async () => {
    const bad = await bin(['kpi', '--bogus']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^cs-ops: unknown option '--bogus'/);
    const help = await bin(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: cs-ops <command>/);
    const json = await bin(['kpi', 'week', '--tenant', 'TA', '--supervisor', '--json'], { MONGODB_URI: svc.db.uri, LOG_LEVEL: '' });
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { kind: string }).kind).toBe('card');
  });
});
