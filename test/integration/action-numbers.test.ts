/**
 * Actions stored before they were numbered get the tenant's next numbers at start-up, oldest
 * first, once, even with two instances running it at once and new actions created meanwhile;
 * `/actions` then lists them with a number and `/actions edit <n>` reaches them (real Mongo,
 * signed Slack requests).
 */
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillActionNumbers } from '../../src/infra/mongo/actions/backfill-numbers.js';
import { startTestService, type TestService } from '../support/service.js';
import { postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi } from '../support/slack.js';

const ANA = 'UANA0001';
const CH = 'CNUM0001';
const clock = new Date('2026-11-25T15:00:00Z');
let svc: TestService;
let api: Awaited<ReturnType<typeof startSlackApi>>;
let hooks = 0;

const unescape = (s: string) => s.replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&');
beforeAll(async () => {
  api = await startSlackApi();
  svc = await startTestService({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api.apiUrl, DEFAULT_LOCALE: 'en' }, () => clock);
});
afterAll(async () => {
  await svc?.stop();
  await api?.close();
});

async function actions(text: string, user: string) {
  const hook = api.hook(`cmd/${++hooks}`);
  expect((await postSigned(`${svc.url}/slack/events`, slashCommandBody({ team_id: 'TA', channel_id: CH, user_id: user, command: '/actions', text, response_url: hook }))).status).toBe(200);
  const body = (await api.waitFor((r) => r.path === new URL(hook).pathname, 8000)).body as { text: string; blocks?: unknown[] };
  return { text: unescape(body.text), blocks: unescape(JSON.stringify(body.blocks ?? [])) };
}

/** an action as the code before numbers stored it */
const old = (tenantId: string, text: string, createdAt: string, _id = new mongoose.Types.ObjectId()) => ({
  _id,
  tenantId,
  platform: 'slack',
  channelId: CH,
  text,
  ownerId: ANA,
  dueDate: '2026-11-30',
  status: 'open',
  createdBy: ANA,
  createdAt: new Date(createdAt),
});

describe('numbering the actions stored without a number', () => {
  it('gives each the next number, oldest first, once, with two instances at once; /actions lists and edits them', async () => {
    const coll = svc.db.connection.collection('action_items');
    // two numbered by today's code (the counter is at 2), then the old ones, out of order
    await actions(`add New one <@${ANA}|ana> tomorrow`, ANA);
    await actions(`add New two <@${ANA}|ana> tomorrow`, ANA);
    const sameTime = '2026-10-02T10:00:00Z';
    const [a, b] = [new mongoose.Types.ObjectId(), new mongoose.Types.ObjectId()];
    await coll.insertMany([
      old('TA', 'Old third', '2026-10-03T10:00:00Z'),
      old('TA', 'Old second b', sameTime, b),
      old('TA', 'Old first', '2026-10-01T10:00:00Z'),
      old('TA', 'Old second a', sameTime, a),
      old('TB', 'Other tenant', '2026-10-01T10:00:00Z'),
    ] as never[]);
    expect((await actions('', ANA)).blocks).not.toMatch(/#\d+ ☐ Old first/);

    const conn = svc.db.connection;
    const [one, two] = await Promise.all([backfillActionNumbers(conn), backfillActionNumbers(conn), actions(`add New three <@${ANA}|ana> tomorrow`, ANA)]);
    expect(one + two).toBe(5);
    expect(await backfillActionNumbers(conn)).toBe(0);

    const all = await coll.find({}).toArray();
    expect(all.every((d) => typeof d['no'] === 'number')).toBe(true);
    const ta = all.filter((d) => d['tenantId'] === 'TA');
    const no = (text: string) => Number(ta.find((d) => d['text'] === text)!['no']);
    expect(new Set(ta.map((d) => d['no'])).size).toBe(ta.length);
    expect([no('New one'), no('New two')]).toEqual([1, 2]);
    const olds = ['Old first', 'Old second a', 'Old second b', 'Old third'].map(no);
    expect(olds[0]).toBeGreaterThan(2);
    expect(olds).toEqual([...olds].sort((x, y) => x - y));
    expect(all.find((d) => d['tenantId'] === 'TB')!['no']).toBe(1);
    const counter = async (tenantId: string) => Number((await conn.collection('leases').findOne({ tenantId, name: 'action-numbers' }))!['n']);
    expect(await counter('TA')).toBeGreaterThanOrEqual(Math.max(...ta.map((d) => Number(d['no']))));
    // a number drawn by the instance that lost the race stays unused: a gap, never a duplicate
    expect(await counter('TB')).toBeGreaterThanOrEqual(1);

    // the list shows them by number, and the number reaches them
    const listed = (await actions('', ANA)).blocks;
    for (const text of ['Old first', 'Old second a', 'Old third']) expect(listed).toContain(`#${no(text)} ☐ ${text}`);
    expect((await actions(`edit ${no('Old first')} Old first, reworded`, ANA)).text).toBe(`Action #${no('Old first')} now reads: Old first, reworded`);
    expect((await coll.findOne({ _id: ta.find((d) => d['text'] === 'Old first')!._id }))!['text']).toBe('Old first, reworded');
    // a new action after the backfill takes a number above all of them
    await actions(`add New four <@${ANA}|ana> tomorrow`, ANA);
    const four = (await coll.findOne({ text: 'New four' }))!['no'] as number;
    expect(four).toBeGreaterThan(Math.max(...ta.map((d) => Number(d['no']))));
  });
});
