import { describe, expect, it } from 'vitest';
import { readActivity } from '../../src/adapters/teams/inbound.js';

// a personal message as Teams sends it (Microsoft's documented sample, trimmed)
const message = {
  type: 'message',
  id: '1485983408511',
  serviceUrl: 'https://smba.trafficmanager.net/amer/',
  channelId: 'msteams',
  from: { id: '29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQ', name: 'Megan Bowen', aadObjectId: '7faf8ab2-3d56-4244-b585-20c8a42ed2b8' },
  conversation: { conversationType: 'personal', id: 'a:17I0kl9EkpE1O9PH5TWrzrLNwnWWcfrU7QZjKR0WSfOpzbfcAg2IaydGElSo10tVr4C7Fc6Gt' },
  recipient: { id: '28:c9e8c047-2a74-40a2-b28a-b162d5f5327c', name: 'Teams TestBot' },
  text: 'kpi week',
  entities: [{ locale: 'en-US', country: 'US', platform: 'Windows', timezone: 'America/Los_Angeles', type: 'clientInfo' }],
  channelData: { tenant: { id: '72f988bf-86f1-41af-91ab-2d7cd011db47' } },
  locale: 'en-US',
};

describe('a Teams activity as the handlers read it', () => {
  it('keeps the fields the bot uses, typed, and the conversation whole (it is stored as the reference)', () => {
    const read = readActivity(message);
    expect(read).toMatchObject({
      type: 'message',
      from: { id: message.from.id, aadObjectId: message.from.aadObjectId },
      conversation: message.conversation,
      recipient: message.recipient,
      channelData: { tenant: { id: '72f988bf-86f1-41af-91ab-2d7cd011db47' } },
      serviceUrl: message.serviceUrl,
      text: 'kpi week',
      locale: 'en-US',
    });
    expect(read?.entities?.[0]?.type).toBe('clientInfo');
  });

  it('reads null as absent (Teams sends either)', () => {
    const read = readActivity({ ...message, from: { ...message.from, aadObjectId: null }, recipient: null, replyToId: null, text: null });
    expect(read).not.toBeNull();
    expect(read?.from.aadObjectId).toBeUndefined();
    expect(read?.recipient).toBeUndefined();
    expect(read?.text).toBeUndefined();
  });

  it('is null when a field the bot relies on is missing or of another type', () => {
    const { from: _from, ...noSender } = message;
    expect(readActivity(noSender)).toBeNull();
    expect(readActivity({ ...message, conversation: { id: 42 } })).toBeNull();
    expect(readActivity({ ...message, membersAdded: [{ name: 'no id' }] })).toBeNull();
    expect(readActivity('message')).toBeNull();
  });
});
