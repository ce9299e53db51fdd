/** Realistic demo interactions and survey answers, reproducible from a seed. */
import { DateTime } from 'luxon';
import {
  DEFAULT_SLA_POLICY,
  type Channel,
  type InteractionRecord,
  type Priority,
  type SurveyResponseRecord,
} from '../core/domain/interaction.js';

export type Rng = () => number;

/** mulberry32: tiny, fast, good enough for test data */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rng: Rng, weighted: readonly (readonly [T, number])[]): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let x = rng() * total;
  for (const [v, w] of weighted) if ((x -= w) < 0) return v;
  return weighted[weighted.length - 1]![0];
}

/** log-normal sample with the given median (minutes) and spread */
const logNormal = (rng: Rng, median: number, sigma: number) => {
  const u = Math.max(rng(), 1e-12);
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
  return median * Math.exp(sigma * z);
};

const CHANNEL_MIX = [['chat', 30], ['email', 25], ['whatsapp', 20], ['phone', 15], ['social', 5], ['in_person', 3], ['other', 2]] as const;
const FRT_MEDIAN: Record<Channel, number> = { chat: 2, whatsapp: 8, phone: 1, email: 180, social: 60, in_person: 5, other: 120 };
const PRIORITY_MIX = [['normal', 60], ['low', 20], ['high', 15], ['urgent', 5]] as const;
export const DEMO_AGENTS = [
  { id: 'ana', name: 'Ana Souza', team: 'suporte' },
  { id: 'bruno', name: 'Bruno Lima', team: 'suporte' },
  { id: 'carla', name: 'Carla Dias', team: 'suporte' },
  { id: 'diego', name: 'Diego Alves', team: 'financeiro' },
  { id: 'elisa', name: 'Elisa Rocha', team: 'financeiro' },
  { id: 'fabio', name: 'Fábio Nunes', team: 'onboarding' },
  { id: 'gabi', name: 'Gabriela Reis', team: 'onboarding' },
  { id: 'hugo', name: 'Hugo Martins', team: 'retencao' },
  { id: 'iris', name: 'Íris Costa', team: 'retencao' },
  { id: 'joao', name: 'João Pereira', team: 'suporte' },
] as const;
const CATEGORY_MIX = [['cobranca', 22], ['acesso', 18], ['bug', 15], ['entrega', 14], ['reembolso', 10], ['duvida', 15], ['cancelamento', 6]] as const;

export interface GenerateOptions {
  days: number;
  perDay: number;
  /** the last generated day is the one holding this instant */
  end: Date;
  /** nothing happens after this instant (default: end) */
  now?: Date;
  timezone: string;
  seed: number;
  source?: string;
  idPrefix?: string;
  /** size of the customer pool (default: total / 1.4 contacts per customer) */
  customerPool?: number;
}

export function generateInteractions(o: GenerateOptions): InteractionRecord[] {
  const rng = seededRng(o.seed);
  const now = o.now ?? o.end;
  const out: InteractionRecord[] = [];
  const endDt = DateTime.fromJSDate(o.end, { zone: o.timezone });
  const customers = o.customerPool ?? Math.max(1, Math.round((o.days * o.perDay) / 1.4));
  let n = 0;
  for (let d = o.days - 1; d >= 0; d--) {
    const day = endDt.minus({ days: d }).startOf('day');
    const weekend = day.weekday >= 6;
    const count = Math.round(o.perDay * (weekend ? 0.35 : 1.15) * (0.8 + 0.4 * rng()));
    for (let k = 0; k < count; k++) {
      // business hours: most contacts between 8h and 19h
      const hour = rng() < 0.85 ? 8 + rng() * 11 : rng() * 24;
      const createdAt = day.plus({ minutes: Math.floor(hour * 60) }).toJSDate();
      if (createdAt >= now) continue;
      out.push(oneInteraction(rng, now, o, createdAt, `${o.idPrefix ?? 'T'}-${++n}`, customers));
    }
  }
  return out;
}

function oneInteraction(rng: Rng, now: Date, o: GenerateOptions, createdAt: Date, externalId: string, customers: number): InteractionRecord {
  const channel = pick(rng, CHANNEL_MIX) as Channel;
  const priority = pick(rng, PRIORITY_MIX) as Priority;
  const agent = DEMO_AGENTS[Math.floor(rng() * DEMO_AGENTS.length)]!;
  const at = (min: number) => new Date(createdAt.getTime() + Math.round(min * 60_000));
  const frt = logNormal(rng, FRT_MEDIAN[channel], 1.1);
  const resolution = frt + logNormal(rng, FRT_MEDIAN[channel] * 6 + 60, 1.3);
  const contactCount = pick(rng, [[1, 70], [2, 20], [3, 10]] as const);
  const firstResponseAt = at(frt) < now ? at(frt) : undefined;
  const resolvedAt = firstResponseAt && at(resolution) < now ? at(resolution) : undefined;
  const reopenedAt = resolvedAt && rng() < 0.06 ? [at(resolution + logNormal(rng, 600, 1))].filter((d) => d < now) : [];
  // a reopened ticket is either open again or resolved a second time, after the reopening
  const reResolvedAt = reopenedAt[0] ? new Date(reopenedAt[0].getTime() + Math.round(logNormal(rng, 240, 1) * 60_000)) : undefined;
  const finalResolved = reopenedAt.length === 0 ? resolvedAt : reResolvedAt && reResolvedAt < now && rng() < 0.5 ? reResolvedAt : undefined;
  const escalatedAt = rng() < 0.08 ? at(frt + logNormal(rng, 90, 1)) : undefined;
  return {
    externalId,
    source: o.source ?? 'demo',
    channel,
    customer: { id: `c${Math.floor(rng() * customers)}` },
    agent: { id: agent.id, name: agent.name },
    team: agent.team,
    category: pick(rng, CATEGORY_MIX),
    priority,
    status: finalResolved ? (rng() < 0.5 ? 'resolved' : 'closed') : firstResponseAt ? 'pending' : 'open',
    createdAt,
    ...(firstResponseAt ? { firstResponseAt } : {}),
    ...(finalResolved ? { resolvedAt: finalResolved } : {}),
    reopenedAt,
    ...(escalatedAt && escalatedAt < now ? { escalatedAt } : {}),
    contactCount,
    firstContactResolution: !!finalResolved && contactCount === 1,
    sla: DEFAULT_SLA_POLICY[priority],
  };
}

/** CSAT for ~25 % and NPS for ~10 % of resolved interactions, answered a few hours later. */
export function generateResponses(interactions: InteractionRecord[], seed: number, end: Date): SurveyResponseRecord[] {
  const rng = seededRng(seed);
  const out: SurveyResponseRecord[] = [];
  for (const i of interactions) {
    if (!i.resolvedAt) continue;
    const slow = i.resolvedAt.getTime() - i.createdAt.getTime() > i.sla.resolutionMinutes * 60_000;
    const respondedAt = new Date(i.resolvedAt.getTime() + Math.round(logNormal(rng, 180, 1) * 60_000));
    if (respondedAt >= end) continue;
    const r = rng();
    if (r < 0.25) {
      const score = pick(rng, slow ? ([[1, 20], [2, 20], [3, 25], [4, 20], [5, 15]] as const) : ([[1, 3], [2, 4], [3, 10], [4, 33], [5, 50]] as const));
      out.push({ externalId: `csat-${i.externalId}`, source: i.source, type: 'csat', score, respondedAt, interactionExternalId: i.externalId });
    } else if (r < 0.35) {
      const score = Math.min(10, Math.max(0, Math.round(slow ? 5 + rng() * 5 : 7 + rng() * 4 - 0.5)));
      out.push({ externalId: `nps-${i.externalId}`, source: i.source, type: 'nps', score, respondedAt, interactionExternalId: i.externalId });
    }
  }
  return out;
}
