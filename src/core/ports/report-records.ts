import type { Channel, Priority, Status } from '../domain/interaction.js';
import type { DocumentView } from '../reports/document/view.js';

/** What the document reads of one interaction carrying service-report fields (no names, contacts or free notes). */
export interface CaseRecord {
  source: string;
  externalId: string;
  createdAt: Date;
  /** the customer's keyed hash (as the rollups count customers): recurrences without personal data */
  customerKey: string;
  channel: Channel;
  priority: Priority;
  status: Status;
  team?: string;
  agentId?: string;
  category?: string;
  problem?: string;
  rootCause?: string;
  product?: { brand?: string; model?: string };
  resolved: boolean;
  reopens: number;
}

/** An interaction still open (not resolved), for "the oldest open items". */
export interface OpenItem {
  source: string;
  externalId: string;
  createdAt: Date;
  channel: Channel;
  priority: Priority;
  status: Status;
  team?: string;
  agentId?: string;
  agentName?: string;
  category?: string;
}

/** Notes and actions of a few cases, read one by one (quoted in the document). */
export interface CaseNotes {
  source: string;
  externalId: string;
  notes?: string;
  actionsTaken?: string;
}

/**
 * Raw records the report document needs beside the rollups, read through indexes kept for it
 * (never a scan of a tenant's interactions).
 */
export interface ReportRecords {
  /** cases with a problem, root cause or product created in [start, end) */
  cases(tenantId: string, range: { start: Date; end: Date }): Promise<CaseRecord[]>;
  /** the `limit` oldest items open now (oldest first); `accept` filters before counting */
  oldestOpen(tenantId: string, limit: number, accept: (item: OpenItem) => boolean): Promise<OpenItem[]>;
  notesOf(tenantId: string, keys: { source: string; externalId: string }[]): Promise<CaseNotes[]>;
}

/** Turns a document view model into a file (PDF). */
export interface DocumentRenderer {
  render(doc: DocumentView): Promise<Uint8Array>;
}
