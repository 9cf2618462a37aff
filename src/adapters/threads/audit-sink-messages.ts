import type { AuditBatch } from '../../ports/audit-sink.js';
import type { ThreadError } from './thread-error.js';

/** What an audit writer thread starts with: the database it appends to. */
export interface AuditSinkWorkerData {
  readonly databaseUrl: string;
}

/** Main thread to writer: write this batch, or finish and close the store. */
export type AuditSinkMessage =
  | { readonly kind: 'write'; readonly id: number; readonly batch: AuditBatch }
  | { readonly kind: 'close' };

/** Writer to main thread: the store is open (or could not be), a batch is written (or failed), closed. */
export type AuditSinkReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'open-failed'; readonly error: ThreadError }
  | { readonly kind: 'written'; readonly id: number }
  | { readonly kind: 'failed'; readonly id: number; readonly error: ThreadError }
  | { readonly kind: 'closed' };
