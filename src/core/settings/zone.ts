import { DateTime, Info } from 'luxon';

/** Region/City names (and UTC, Etc/GMT+3): not bare offsets such as "+03:00", which have no DST rules. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

const KNOWN = new Map(Intl.supportedValuesOf('timeZone').map((z) => [z.toLowerCase(), z]));

/**
 * The zone as it is usually written ("america/sao_paulo" → "America/Sao_Paulo"), or null when it
 * is none. Names are kept as given otherwise: ICU would turn Asia/Kolkata into Asia/Calcutta.
 */
export function canonicalZone(name: string): string | null {
  if (name.length > 64 || !ZONE_NAME.test(name) || !Info.isValidIANAZone(name)) return null;
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  return KNOWN.get(name.toLowerCase()) ?? (resolved.toLowerCase() === name.toLowerCase() ? resolved : name);
}

/** How far `zone` is from `base` at one instant, when that is not whole hours. */
export interface ZoneMisalignment {
  /** the local date in `base` where it was found */
  date: string;
  /** "+5:30", "−0:30" */
  difference: string;
}

const SPAN_MONTHS = 24;

/**
 * The tenant's numbers are kept per hour of its rollup zone, so a zone can be the tenant's only
 * when its offset differs from that zone's by whole hours at every instant: checked at the first
 * and the middle of each month from two years before `now` to two years after (DST lasts months).
 */
export function misalignment(zone: string, base: string, now: Date): ZoneMisalignment | null {
  const start = DateTime.fromJSDate(now, { zone: 'utc' }).startOf('month').minus({ months: SPAN_MONTHS });
  for (let m = 0; m <= 2 * SPAN_MONTHS; m++) {
    for (const day of [1, 15]) {
      const at = start.plus({ months: m }).set({ day });
      const diff = at.setZone(zone).offset - at.setZone(base).offset;
      if (diff % 60 !== 0) return { date: at.setZone(base).toISODate()!, difference: formatOffset(diff) };
    }
  }
  return null;
}

function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '−' : '+'}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
}
