/**
 * Rebuilds a tenant's day buckets from what is stored — interactions, survey answers and the
 * "sent" counts of surveys — from a given day on (a change of the rollups' layout). All-time
 * totals keep their layout and are left as they are: they also hold what retention removed.
 */
import type { RollupStore } from '../ports/rollups.js';
import type { SurveyStore } from '../ports/surveys.js';
import type { CustomerKeys } from '../ports/customer-keys.js';
import type { InteractionStore } from '../ports/interactions.js';
import type { SurveyResponseStore } from '../ports/survey-responses.js';
import { surveySentEvents } from '../kpi/index.js';
import { addInteractionChange, addResponseChange, deltasFor, dimsOf, UNLINKED } from '../kpi/index.js';
import type { Survey } from '../domain/survey.js';
import { withCustomerKey } from './store-interactions.js';

export interface RebuildDeps {
  interactions: InteractionStore;
  responses: SurveyResponseStore;
  surveys: Pick<SurveyStore, 'scanCounted'>;
  rollups: RollupStore;
  customerKeys: CustomerKeys;
}

/** records per applied chunk: bounds the memory a rebuild holds */
const CHUNK = 5_000;

export async function rebuildRollups(deps: RebuildDeps, tenantId: string, timezone: string, from: Date): Promise<{ interactions: number; responses: number; surveys: number }> {
  await deps.rollups.clearDays(tenantId, from);
  let deltas = deltasFor(timezone);
  let held = 0;
  const flush = async (force = false) => {
    if (!force && held < CHUNK) return;
    // day buckets only: totals are kept (see above)
    await deps.rollups.apply(tenantId, deltas.updates().filter((u) => u.g === 'd' && u.t >= from.getTime()));
    deltas = deltasFor(timezone);
    held = 0;
  };
  const count = { interactions: 0, responses: 0, surveys: 0 };
  let keys: { source: string; externalId: string; key: string }[] = [];
  for await (const stored of deps.interactions.scan(tenantId)) {
    const r = withCustomerKey(deps.customerKeys, tenantId, stored);
    if (!stored.customer.key) keys.push({ source: r.source, externalId: r.externalId, key: r.customer.key! });
    addInteractionChange(deltas, null, r);
    count.interactions++;
    held++;
    if (keys.length >= CHUNK) keys = (await deps.interactions.setCustomerKeys(tenantId, keys), []);
    await flush();
  }
  await deps.interactions.setCustomerKeys(tenantId, keys);
  for await (const r of deps.responses.scan(tenantId)) {
    addResponseChange(deltas, null, r);
    count.responses++;
    held++;
    await flush();
  }
  let sent: Survey[] = [];
  const addSent = async () => {
    for (const s of sent) {
      const linked = s.interaction ? (await deps.interactions.findByExternalIds(tenantId, s.interaction.source, [s.interaction.externalId]))[0] : undefined;
      deltas.add(surveySentEvents(s.sentAt!), linked ? dimsOf(linked) : UNLINKED, 1);
    }
    held += sent.length;
    sent = [];
    await flush();
  };
  for await (const s of deps.surveys.scanCounted(tenantId)) {
    if (!s.sentAt) continue;
    sent.push(s);
    count.surveys++;
    if (sent.length >= 500) await addSent();
  }
  await addSent();
  await flush(true);
  return count;
}
