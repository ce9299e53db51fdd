import type { Connection } from 'mongoose';
import type { Channel, Priority, Status } from '../../../core/domain/interaction.js';
import type { CaseRecord, OpenItem, ReportRecords } from '../../../core/ports/report-records.js';
import { interactionModel } from '../interactions/schema.js';
import { LOOKUP_CONCURRENCY, mapLimit } from '../map-limit.js';
import { caseIndexModel, DAYS_KEY, dayOf } from './schema.js';

type Entry = Record<string, unknown>;
const DAY = 86_400_000;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function base(e: Entry) {
  return {
    source: String(e['s']), externalId: String(e['x']), createdAt: new Date(e['t'] as Date), channel: e['ch'] as Channel, priority: e['pr'] as Priority, status: e['st'] as Status,
    ...(str(e['tm']) ? { team: str(e['tm'])! } : {}), ...(str(e['a']) ? { agentId: str(e['a'])! } : {}), ...(str(e['cat']) ? { category: str(e['cat'])! } : {}),
  };
}

function caseOf(e: Entry): CaseRecord {
  const product = { ...(str(e['b']) ? { brand: str(e['b'])! } : {}), ...(str(e['m']) ? { model: str(e['m'])! } : {}) };
  return {
    ...base(e), customerKey: String(e['k']), resolved: e['rs'] === true, reopens: Number(e['ro'] ?? 0),
    ...(str(e['p']) ? { problem: str(e['p'])! } : {}), ...(str(e['r']) ? { rootCause: str(e['r'])! } : {}), ...(product.brand || product.model ? { product } : {}),
  };
}

const openOf = (e: Entry): OpenItem => ({ ...base(e), ...(str(e['an']) ? { agentName: str(e['an'])! } : {}) });

/** UTC days touching [start, end). */
function utcDays(start: Date, end: Date): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${dayOf(start)}T00:00:00Z`); t < end.getTime(); t += DAY) out.push(dayOf(new Date(t)));
  return out;
}

/** The document's raw reads: one point lookup per day (cases), per day with open items (oldest first), per quoted case. */
export function createReportRecords(conn: Connection): ReportRecords {
  const coll = caseIndexModel(conn).collection;
  const interactions = interactionModel(conn).collection;
  const entries = (doc: Entry | null) => Object.values((doc?.['e'] ?? {}) as Record<string, Entry>);
  return {
    async cases(tenantId, range) {
      const docs = await mapLimit(utcDays(range.start, range.end), LOOKUP_CONCURRENCY, (day) => coll.findOne({ tenantId, key: `c:${day}` }));
      return docs.flatMap((d) => entries(d).map(caseOf)).filter((c) => c.createdAt >= range.start && c.createdAt < range.end);
    },
    async oldestOpen(tenantId, limit, accept) {
      const marks = await coll.findOne({ tenantId, key: DAYS_KEY });
      const days = Object.keys((marks?.['d'] ?? {}) as Record<string, unknown>).sort();
      const out: OpenItem[] = [];
      for (const day of days) {
        if (out.length >= limit) break;
        const doc = await coll.findOne({ tenantId, key: `o:${day}` });
        const items = entries(doc).map(openOf);
        if (items.length === 0) {
          await forget(tenantId, day);
          continue;
        }
        out.push(...items.filter(accept).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()));
      }
      return out.slice(0, limit);
    },
    async notesOf(tenantId, keys) {
      const docs = await mapLimit(keys, LOOKUP_CONCURRENCY, (k) => interactions.findOne({ tenantId, source: k.source, externalId: k.externalId }, { projection: { source: 1, externalId: 1, notes: 1, actionsTaken: 1 } }));
      return docs.filter((d) => d !== null).map((d) => ({ source: String(d['source']), externalId: String(d['externalId']), ...(str(d['notes']) ? { notes: str(d['notes'])! } : {}), ...(str(d['actionsTaken']) ? { actionsTaken: str(d['actionsTaken'])! } : {}) }));
    },
  };

  /** A day left without open items loses its mark; one written meanwhile puts it back. */
  async function forget(tenantId: string, day: string) {
    await coll.updateOne({ tenantId, key: DAYS_KEY }, { $unset: { [`d.${day}`]: '' } });
    const again = await coll.findOne({ tenantId, key: `o:${day}` });
    if (entries(again).length > 0) await coll.updateOne({ tenantId, key: DAYS_KEY }, { $set: { [`d.${day}`]: 1 } });
  }
}
