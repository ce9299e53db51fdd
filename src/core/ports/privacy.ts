/** Removal of one customer's personal data from every store (LGPD/GDPR erasure). */
export interface PersonalDataEraser {
  /**
   * Pseudonymises the customer's interactions (id → `pseudonym`, name, e-mail, chat ids and
   * free texts removed), removes comments and respondent ids of their survey answers and their
   * survey recipients, and scrubs their comments quoted in agendas and actions. Counts what
   * changed. KPI rollups are left as they are: they hold no personal data and must not move.
   */
  eraseCustomer(tenantId: string, customerId: string, pseudonym: string): Promise<{ interactions: number; responses: number; surveys: number; snapshots: number }>;
}

/** Raw data past a tenant's retention (KPI rollups are aggregates and stay). */
export interface RetentionStore {
  /** tenants that set a retention, with their number of days */
  policies(): Promise<{ tenantId: string; days: number }[]>;
  /** deletes interactions created before `cutoff` and removes comments given before it (also quoted ones) */
  purge(tenantId: string, cutoff: Date): Promise<{ interactions: number; comments: number }>;
}
