/** Background jobs that re-judge the SLA of a past range of interactions (one per tenant at a time). */
export type SlaJobStatus = 'running' | 'done' | 'failed';

export interface SlaJobProgress {
  /** interactions created in the range (counted at the start, raised if more turn up) */
  total: number;
  /** interactions re-judged so far */
  done: number;
  /** of those, the ones whose stored SLA changed (written, rollups moved) */
  changed: number;
}

export interface SlaRecomputeJob extends SlaJobProgress {
  id: string;
  tenantId: string;
  /** local dates YYYY-MM-DD, both included */
  from: string;
  to: string;
  status: SlaJobStatus;
  startedAt: Date;
  updatedAt: Date;
  finishedAt?: Date;
  /** a running job whose lease passes is taken for dead (its instance stopped) */
  leaseUntil: Date;
  /** why a job failed: lease_expired (its instance died), stopped (the service stopped), error */
  error?: 'lease_expired' | 'stopped' | 'error';
}

export interface SlaJobStore {
  /** Inserts a running job unless the tenant has one running: then that one is returned instead. */
  start(job: SlaRecomputeJob): Promise<{ started: SlaRecomputeJob } | { running: SlaRecomputeJob }>;
  get(tenantId: string, id: string): Promise<SlaRecomputeJob | null>;
  /** Progress and a new lease; false when the job no longer runs (taken for dead meanwhile). */
  progress(tenantId: string, id: string, p: SlaJobProgress, leaseUntil: Date): Promise<boolean>;
  /** Ends a running job. */
  finish(tenantId: string, id: string, end: { status: 'done' | 'failed'; error?: SlaRecomputeJob['error'] } & SlaJobProgress): Promise<void>;
  /** Marks the tenant's running job failed when its lease ended before `now`. */
  expire(tenantId: string, now: Date): Promise<void>;
}
