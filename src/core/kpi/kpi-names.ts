/**
 * The words (en and pt-BR) that name a KPI in commands — `/kpi target` and `/kpi alert` — and
 * the path each names in a KPI answer (`frt.p90` → `firstResponseMinutes.p90`). Each command
 * then keeps the paths it can use.
 */
import { lookup } from '../command-words.js';
import { normalizeWords } from '../periods/index.js';

type Stat = 'median' | 'p90' | 'mean';
/** duration KPIs: a bare name is the median (as on the card), except pt-BR "tmr", which says "médio" */
const DURATIONS: Record<string, { field: string; stat: Stat }> = {
  frt: { field: 'firstResponseMinutes', stat: 'median' },
  tpr: { field: 'firstResponseMinutes', stat: 'median' },
  art: { field: 'resolutionMinutes', stat: 'median' },
  rt: { field: 'resolutionMinutes', stat: 'median' },
  resolution: { field: 'resolutionMinutes', stat: 'median' },
  resolucao: { field: 'resolutionMinutes', stat: 'median' },
  tmr: { field: 'resolutionMinutes', stat: 'mean' },
  escalation: { field: 'escalationMinutes', stat: 'mean' },
  escalonamento: { field: 'escalationMinutes', stat: 'mean' },
};
const STATS: Record<string, Stat> = { p50: 'median', median: 'median', mediana: 'median', p90: 'p90', mean: 'mean', avg: 'mean', average: 'mean', media: 'mean' };
const PLAIN: Record<string, string> = {
  csat: 'csat.score', 'csat.media': 'csat.mean',
  nps: 'nps.score',
  sla: 'slaCompliance',
  fcr: 'fcrRate',
  reopen: 'reopenRate', reopens: 'reopenRate', reabertura: 'reopenRate', reaberturas: 'reopenRate',
  backlog: 'backlog', volume: 'volume',
  resolved: 'resolved', resolvidos: 'resolved', resolvidas: 'resolved',
  cpc: 'contactsPerCustomer', contacts: 'contactsPerCustomer', contatos: 'contactsPerCustomer',
  response_rate: 'surveyResponseRate', 'response-rate': 'surveyResponseRate',
  taxa_resposta: 'surveyResponseRate', 'taxa-resposta': 'surveyResponseRate', taxa_de_resposta: 'surveyResponseRate',
};

/** `frt.p90`, `tpr.mediana`, `tmr`, `csat`, `reabertura` … → the KPI's path, or undefined. */
export function kpiPathByName(name: string): string | undefined {
  const word = normalizeWords(name);
  const plain = lookup(PLAIN, word);
  if (plain) return plain;
  const [base = '', stat, ...extra] = word.split('.');
  const d = lookup(DURATIONS, base);
  if (!d || extra.length) return undefined;
  const s = stat === undefined ? d.stat : lookup(STATS, stat);
  return s ? `${d.field}.${s}` : undefined;
}
