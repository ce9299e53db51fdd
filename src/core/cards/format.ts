import type { Locale } from '../i18n/index.js';

const nf = (locale: Locale, opts: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, opts);

export const formatInt = (n: number, locale: Locale) => nf(locale, { maximumFractionDigits: 0 }).format(n);
export const formatNumber = (n: number, locale: Locale, digits = 1) => nf(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(n);
export const formatPercent = (fraction: number, locale: Locale, digits = 1) =>
  nf(locale, { style: 'percent', maximumFractionDigits: digits }).format(fraction);

/** 42 min · 3 h 05 min · 2 d 4 h (units read the same in en and pt-BR) */
export function formatMinutes(minutes: number, locale: Locale): string {
  if (minutes < 1) return `${formatNumber(minutes * 60, locale, 0)} s`;
  if (minutes < 60) return `${formatNumber(minutes, locale, minutes < 10 ? 1 : 0)} min`;
  const totalMin = Math.round(minutes);
  const hours = Math.floor(totalMin / 60);
  if (hours < 24) return `${hours} h ${String(totalMin % 60).padStart(2, '0')} min`;
  const days = Math.floor(hours / 24);
  return `${days} d ${hours % 24} h`;
}
