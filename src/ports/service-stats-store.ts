import type { ServiceInterval } from '../core/monitoring/service-interval.js';

/**
 * Where scoring processes record what they served, an interval at a time, so that alerts and the UI
 * read the whole service (every process, every replica) from one place.
 */
export interface ServiceStatsStore {
  append(interval: ServiceInterval): Promise<void>;
  /** The intervals that ended in `[since, until)`, oldest first. */
  intervals(query: { readonly since: number; readonly until: number }): Promise<readonly ServiceInterval[]>;
  /** Deletes intervals that ended before `time`; returns how many. */
  deleteOlderThan(time: number): Promise<number>;
  close(): Promise<void>;
}
