import { createHash } from 'node:crypto';
import type mongoose from 'mongoose';
import type { InteractionRecord } from '../../../core/domain/interaction.js';
import type { UpsertOutcome } from '../../../core/ports/interactions.js';
import { DAYS_KEY, dayOf } from './schema.js';

type Coll = mongoose.mongo.Collection<mongoose.mongo.Document>;
type Entry = Record<string, unknown>;

/** a record's field name in a day's map: no dots or `$`, short, stable */
export const hashOf = (source: string, externalId: string) => createHash('sha1').update(`${source}\u0000${externalId}`).digest('base64url').slice(0, 16);

export const hasCaseFields = (r: InteractionRecord) => Boolean(r.problem?.trim() || r.rootCause?.trim() || r.product?.brand?.trim() || r.product?.model?.trim());
export const isOpen = (r: InteractionRecord) => !r.resolvedAt && (r.status === 'open' || r.status === 'pending');

const dims = (r: InteractionRecord): Entry => ({
  s: r.source, x: r.externalId, t: r.createdAt, ch: r.channel, pr: r.priority, st: r.status,
  ...(r.team ? { tm: r.team } : {}), ...(r.agent ? { a: r.agent.id } : {}), ...(r.category ? { cat: r.category } : {}),
});

function caseEntry(r: InteractionRecord): Entry {
  return {
    ...dims(r),
    k: r.customer.key ?? r.customer.id,
    rs: r.resolvedAt !== undefined,
    ro: r.reopenedAt.length,
    ...(r.problem?.trim() ? { p: r.problem.trim() } : {}),
    ...(r.rootCause?.trim() ? { r: r.rootCause.trim() } : {}),
    ...(r.product?.brand?.trim() ? { b: r.product.brand.trim() } : {}),
    ...(r.product?.model?.trim() ? { m: r.product.model.trim() } : {}),
  };
}

const openEntry = (r: InteractionRecord): Entry => ({ ...dims(r), ...(r.agent?.name ? { an: r.agent.name } : {}) });

class Changes {
  readonly byKey = new Map<string, { set: Entry; unset: Entry }>();
  readonly openDays = new Set<string>();
  private of(key: string) {
    let c = this.byKey.get(key);
    if (!c) this.byKey.set(key, (c = { set: {}, unset: {} }));
    return c;
  }
  set(key: string, h: string, entry: Entry) {
    const c = this.of(key);
    delete c.unset[`e.${h}`];
    c.set[`e.${h}`] = entry;
  }
  unset(key: string, h: string) {
    const c = this.of(key);
    if (!(`e.${h}` in c.set)) c.unset[`e.${h}`] = '';
  }
}

/** One kind of entry (cases or open items): moved, replaced or removed as the record changed. */
function follow(ch: Changes, prefix: 'c' | 'o', h: string, o: UpsertOutcome<InteractionRecord>, wanted: (r: InteractionRecord) => boolean, entry: (r: InteractionRecord) => Entry) {
  const next = wanted(o.record) ? `${prefix}:${dayOf(o.record.createdAt)}` : null;
  const before = o.previous && wanted(o.previous) ? `${prefix}:${dayOf(o.previous.createdAt)}` : null;
  if (before && before !== next) ch.unset(before, h);
  if (next) {
    ch.set(next, h, entry(o.record));
    if (prefix === 'o') ch.openDays.add(next.slice(2));
  }
}

/**
 * Keeps the case index in step with written interactions. Records without service-report
 * fields that are not open (most of them) cost nothing; an unchanged re-send is written again,
 * so a batch cut short before this write is mended by sending it again.
 */
export async function writeCaseIndex(coll: Coll, tenantId: string, outcomes: UpsertOutcome<InteractionRecord>[]): Promise<void> {
  const ch = new Changes();
  for (const o of outcomes) {
    const r = o.record;
    const p = o.previous;
    if (!hasCaseFields(r) && !isOpen(r) && !(p && (hasCaseFields(p) || isOpen(p)))) continue;
    const h = hashOf(r.source, r.externalId);
    follow(ch, 'c', h, o, hasCaseFields, caseEntry);
    follow(ch, 'o', h, o, isOpen, openEntry);
  }
  if (ch.byKey.size === 0) return;
  const ops = [...ch.byKey].map(([key, c]) => {
    const hasSet = Object.keys(c.set).length > 0;
    const update = { ...(hasSet ? { $set: c.set } : {}), ...(Object.keys(c.unset).length ? { $unset: c.unset } : {}) };
    return { updateOne: { filter: { tenantId, key }, update, upsert: hasSet } };
  });
  await coll.bulkWrite(ops, { ordered: false });
  // the entries first, then the day's mark: a reader that finds the mark finds the entries
  if (ch.openDays.size > 0) {
    await coll.updateOne({ tenantId, key: DAYS_KEY }, { $set: Object.fromEntries([...ch.openDays].map((d) => [`d.${d}`, 1])) }, { upsert: true });
  }
}
