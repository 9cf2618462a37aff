import type { ThreadError } from './thread-error.js';

/** What the spool writer thread starts with. */
export interface AuditSpoolWriterData {
  /** The spool folder it consumes. */
  readonly dir: string;
  /** The store it appends to. */
  readonly databaseUrl: string;
  /** Pause between passes once the folder is consumed, in milliseconds. */
  readonly pollMs: number;
  /**
   * While the machine is at least `busyAtLeast` busy (0–1, the share of its cores' time not idle
   * since the last pass), records wait in the spool until they hold this many bytes; 0 (or
   * absent): written at once.
   */
  readonly deferBytes?: number;
  /** See `deferBytes`; 0.75 when absent, 0 whatever the load. */
  readonly busyAtLeast?: number;
  /** `cases.sampleRate`: the share of below-threshold cases that open a case too (0 when absent). */
  readonly caseSampleRate?: number;
}

/**
 * Main thread to writer: `close`: consume what is left, then close the store; `write-now`: the
 * next pass writes whatever waits, busy or not (someone needs a case scored a moment ago);
 * `drain`: the same, answered `drained` once a pass begun after it has written what the files held.
 */
export type AuditSpoolWriterMessage =
  | { readonly kind: 'close' }
  | { readonly kind: 'write-now' }
  | { readonly kind: 'drain'; readonly id: number };

/** How far the writer is. */
export interface AuditSpoolStatus {
  /** Bytes in the spool folder not yet written to the store. */
  readonly backlogBytes: number;
  /** Cases written since the writer started. */
  readonly written: number;
  /** Damaged spool files found since the writer started. */
  readonly damaged: number;
  /** Why the last pass failed (the store slow or unreachable); absent once a pass succeeds. */
  readonly storeError?: string;
}

/** Writer to main thread. */
export type AuditSpoolWriterReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'open-failed'; readonly error: ThreadError }
  | ({ readonly kind: 'status' } & AuditSpoolStatus)
  | { readonly kind: 'problem'; readonly message: string }
  | { readonly kind: 'drained'; readonly ids: readonly number[] }
  | { readonly kind: 'closed' };
