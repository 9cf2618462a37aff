import type { AuditBatch } from '../../ports/audit-sink.js';
import type { ThreadError } from '../threads/thread-error.js';

/** A serving worker asks the primary to write a batch of its audit records. */
export interface AuditWriteMessage {
  readonly amlopsAudit: 'write';
  readonly id: number;
  readonly batch: AuditBatch;
}

/** The primary's answer: the batch is written, or failed with this error. */
export type AuditWriteReply =
  | { readonly amlopsAudit: 'written'; readonly id: number }
  | { readonly amlopsAudit: 'failed'; readonly id: number; readonly error: ThreadError };

/** True for an audit write request (other messages share the channel). */
export function isAuditWriteMessage(message: unknown): message is AuditWriteMessage {
  return (message as { amlopsAudit?: unknown } | null)?.amlopsAudit === 'write';
}

/** True for an answer to an audit write. */
export function isAuditWriteReply(message: unknown): message is AuditWriteReply {
  const kind = (message as { amlopsAudit?: unknown } | null)?.amlopsAudit;
  return kind === 'written' || kind === 'failed';
}
