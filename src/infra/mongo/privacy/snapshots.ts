import type { Connection } from 'mongoose';
import type { Snapshot } from '../../../core/domain/meeting.js';
import { t, toLocale } from '../../../core/i18n/index.js';
import { actionItemModel } from '../actions/schema.js';
import { meetingModel } from '../meetings/schema.js';
import { tenantModel } from '../tenants/schema.js';

type Doc = Record<string, unknown>;

/**
 * Complaint snapshots quote a customer's comment inside agendas, minutes and actions. Scrubbing
 * keeps their first line (score, agent, ticket) and replaces the rest with a note saying why.
 * Returns how many snapshots changed.
 */
export async function scrubSnapshots(conn: Connection, tenantId: string, match: Doc, noteKey: 'followup.erased' | 'followup.expired'): Promise<number> {
  const tenant = await tenantModel(conn).collection.findOne({ tenantId });
  const note = t(toLocale(String(tenant?.['locale'] ?? '')), noteKey);
  const scrubbed = (s: Snapshot) => `${s.text.split('\n')[0]}\n${note}`;
  let changed = 0;
  const meetings = meetingModel(conn).collection;
  // "$ne" over an array means "no item": items are checked one by one below instead
  const inAgenda = Object.fromEntries(Object.entries(match).filter(([, v]) => !(v && typeof v === 'object' && '$ne' in v)).map(([k, v]) => [`agenda.snapshot.${k}`, v]));
  for (const m of await meetings.find({ tenantId, ...inAgenda }).project({ agenda: 1 }).toArray()) {
    for (const item of (m['agenda'] ?? []) as { id: string; snapshot?: Snapshot & Doc }[]) {
      const s = item.snapshot;
      if (!s || !Object.entries(match).every(([k, v]) => matches(s[k], v))) continue;
      // positional update of that one item: notes added meanwhile to other items are kept
      const res = await meetings.updateOne(
        { _id: m['_id'], tenantId, 'agenda.id': item.id },
        { $set: { 'agenda.$.snapshot.text': scrubbed(s), 'agenda.$.snapshot.scrubbed': true }, $unset: { 'agenda.$.snapshot.customerId': '' } },
      );
      changed += res.modifiedCount;
    }
  }
  const actions = actionItemModel(conn).collection;
  const inOrigin = Object.fromEntries(Object.entries(match).map(([k, v]) => [`origin.${k}`, v]));
  for (const a of await actions.find({ tenantId, ...inOrigin }).project({ origin: 1 }).toArray()) {
    const res = await actions.updateOne({ _id: a['_id'], tenantId }, { $set: { 'origin.text': scrubbed(a['origin'] as Snapshot), 'origin.scrubbed': true }, $unset: { 'origin.customerId': '' } });
    changed += res.modifiedCount;
  }
  return changed;
}

/** The few operators scrubbing uses, checked on an item already read. */
function matches(value: unknown, cond: unknown): boolean {
  if (cond && typeof cond === 'object' && !(cond instanceof Date)) {
    const c = cond as Doc;
    if ('$lt' in c) return value instanceof Date && value < (c['$lt'] as Date);
    if ('$ne' in c) return value !== c['$ne'];
    return false;
  }
  return value === cond;
}
