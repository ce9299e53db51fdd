/** What the soak harness and its service process share: the IPC requests and the fixed names. */
export type SoakRequest =
  | { op: 'setup' }
  | { op: 'meeting'; i: number }
  | { op: 'reports'; at: string }
  | { op: 'memory'; gc: boolean }
  | { op: 'snapshot'; file: string }
  | { op: 'counts' }
  | { op: 'stop' };

export const SOAK_TENANT = 'TSOAK001';
export const SOAK_REPORT_CHANNEL = 'CSOAKREP';
/** fake time of the hourly report schedule: a pass every few seconds is one hour later */
export const SOAK_REPORT_EPOCH = new Date('2026-11-30T00:00:00Z');
