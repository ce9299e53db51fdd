/** `csv`: the daily numbers; `pdf`: the report document */
export type AnnexKind = 'csv' | 'pdf';

/** Signed, expiring links to a report's CSV annex, served by the service itself (Teams). */
export interface AnnexLinks {
  /** null when the service has no public URL to link to */
  urlFor(annex: { tenantId: string; query: string; locale: string; asOf: Date; kind?: AnnexKind }): string | null;
}
