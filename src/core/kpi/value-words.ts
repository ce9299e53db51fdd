/**
 * KPI values as people type them, read one way for `/kpi target` and `/kpi alert`: decimal
 * comma or point, rates as `85%`, `0.85` or `85`, times as `45`, `90min`, `30m`, `2h`, `1h30`.
 */

/** `4,5` as 4.5, a typographic minus as `-`, any case. */
export const numberWord = (text: string): string => text.trim().toLowerCase().replace(',', '.').replace('−', '-');

const DURATION = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)(?:m|min)?)?$/;

/** Minutes from `45`, `90min`, `30m`, `2h`, `1h30`, `1.5h`; undefined when it is not a time. */
export function minutesFromWord(word: string): number | undefined {
  const m = DURATION.exec(numberWord(word));
  if (!m || (m[1] === undefined && m[2] === undefined)) return undefined;
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
}

/**
 * A fraction from `85%`, `0.85` or `85`: a bare number above 1 cannot be a fraction, so it is a
 * percentage. Undefined when it is not a rate between 0 and 100 %.
 */
export function rateFromWord(word: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(numberWord(word));
  if (!m) return undefined;
  const n = Number(m[1]);
  const fraction = m[2] || n > 1 ? n / 100 : n;
  return fraction <= 1 ? Number(fraction.toFixed(6)) : undefined;
}
