import type { ThreadError } from './thread-error.js';

/** What the spool writer thread starts with. */
export interface AuditSpoolWriterData {
  /** The spool folder it consumes. */
  readonly dir: string;
  /** The store it appends to. */
  readonly databaseUrl: string;
  /** Pause between passes once the folder is consumed, in milliseconds. */
  readonly pollMs: number;
  /** `idle`: runs only on CPU time nothing else wants (SCHED_IDLE); `low`: nice 19; `normal`: the process's. */
  readonly priority: 'idle' | 'low' | 'normal';
}

/** Main thread to writer: consume what is left, then close the store. */
export type AuditSpoolWriterMessage = { readonly kind: 'close' };

/** How far the writer is. */
export interface AuditSpoolStatus {
  /** Bytes in the spool folder not yet written to the store. */
  readonly backlogBytes: number;
  /** Cases written since the writer started. */
  readonly written: number;
  /** Damaged spool files found since the writer started. */
  readonly damaged: number;
}

/** Writer to main thread. */
export type AuditSpoolWriterReply =
  | { readonly kind: 'ready'; readonly priority: string }
  | { readonly kind: 'open-failed'; readonly error: ThreadError }
  | ({ readonly kind: 'status' } & AuditSpoolStatus)
  | { readonly kind: 'problem'; readonly message: string }
  | { readonly kind: 'closed' };
