import type { AuditBatch } from './audit-sink.js';

/**
 * How far into an outside source of scored cases (a spool file of a serving process) the cases of
 * an append reach: stored in the same transaction as the cases, so that a writer restarted after a
 * crash resumes exactly there, neither losing nor repeating a case.
 */
export interface SourceCheckpoint {
  /** The source's name, unique on every machine sharing the store. */
  readonly source: string;
  /** Bytes of the source consumed once the cases are appended. */
  readonly position: number;
}

/**
 * Where the audit spool's records end: the store's table of scored cases. Each append writes the
 * cases of some batches, the analysts' cases they open (a score at or above its version's alert
 * threshold, or sampled below it, opens one per subject or attaches to the subject's open one; see
 * `CaseStore`) and the checkpoint of the spool file they came from in one transaction: a case is
 * opened exactly once, with its scored case, however often the writer is stopped and restarted.
 * The checkpoints are this port's own bookkeeping: nothing else reads them.
 */
export interface AuditStoreWriter {
  /**
   * How many cases this store takes best in one append (one transaction): the spool's reader
   * gathers about this many per append. Each commit waits for the store's disk.
   */
  readonly appendCases: number;
  /** Appends every case of `batches`, opens the cases they alert, and moves `checkpoint`, all or nothing. */
  append(batches: readonly AuditBatch[], checkpoint: SourceCheckpoint): Promise<void>;
  /** The position of a source's last checkpoint; undefined when it has none. */
  checkpointOf(source: string): Promise<number | undefined>;
  /** Forgets a source's checkpoint (once the source is consumed and removed). */
  forgetCheckpoint(source: string): Promise<void>;
  /** Resolves when the store answers, throws its reason when it does not (an outage seen while records wait). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
