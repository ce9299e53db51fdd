import { DateTime } from 'luxon';
import type { ActionItem } from '../../domain/meeting.js';
import type { Locale } from '../../i18n/index.js';
import type { Filters } from '../../kpi/index.js';
import type { Kpis } from '../../kpi/index.js';
import type { CaseNotes, OpenItem } from '../../ports/report-records.js';
import type { StoredResponse } from '../../ports/survey-responses.js';
import type { KpiReport } from '../../kpi/index.js';
import type { ChartSpec } from '../../kpi/index.js';
import type { RootCauses } from './root-causes.js';

/** Everything the document shows, read once (rollups for numbers, indexed reads for records). */
export interface DocumentData {
  report: KpiReport;
  team: string;
  locale: Locale;
  filters: Filters;
  byCategory: Record<string, Kpis>;
  byChannel: Record<string, Kpis>;
  comments: StoredResponse[];
  /** actions completed in the period */
  done: ActionItem[];
  /** the oldest items open now */
  open: OpenItem[];
  causes: RootCauses | null;
  notes: CaseNotes[];
  chart: ChartSpec | null;
  now: Date;
}

export const dayText = (d: Date, zone: string, locale: Locale) => DateTime.fromJSDate(d, { zone }).setLocale(locale).toLocaleString(DateTime.DATE_MED);
