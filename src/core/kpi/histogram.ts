/**
 * Fixed log-spaced histogram bins for durations in minutes. Every bin is at most 5 % wide
 * (ratio 1.05) above MIN_MINUTES, so a median or p90 read from bins is within one bin of
 * the exact value. Bins are stable forever: changing them invalidates stored rollups.
 */
export const BIN_RATIO = 1.05;
export const MIN_MINUTES = 0.5;
const LOG_RATIO = Math.log(BIN_RATIO);
export const MAX_BIN = 320; // 0.5 min * 1.05^320 ≈ 3.2e6 min ≈ 6 years

/** Bin 0 holds [0, MIN_MINUTES); bin b ≥ 1 holds [MIN·r^(b-1), MIN·r^b). */
export function binOf(minutes: number): number {
  if (!(minutes >= MIN_MINUTES)) return 0;
  const b = Math.floor(Math.log(minutes / MIN_MINUTES) / LOG_RATIO) + 1;
  return Math.min(b, MAX_BIN);
}

export function binBounds(bin: number): [number, number] {
  if (bin <= 0) return [0, MIN_MINUTES];
  return [MIN_MINUTES * BIN_RATIO ** (bin - 1), MIN_MINUTES * BIN_RATIO ** bin];
}

/** Representative value of a bin: its geometric middle (arithmetic for bin 0). */
export function binValue(bin: number): number {
  const [lo, hi] = binBounds(bin);
  return bin <= 0 ? (lo + hi) / 2 : Math.sqrt(lo * hi);
}

export type Histogram = Record<string, number>;

/** Nearest-rank quantile (q in (0,1]) over a sparse histogram; null when empty. */
export function quantileOf(hist: Histogram, q: number): number | null {
  const bins = Object.entries(hist)
    .map(([k, n]) => [Number(k), n] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = bins.reduce((s, [, n]) => s + n, 0);
  if (total <= 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const [bin, n] of bins) {
    seen += n;
    if (seen >= rank) return binValue(bin);
  }
  return binValue(bins[bins.length - 1]![0]);
}
