import type { ScoredCases } from '../../core/quality/quality-table-from-cases.js';
import type { ScoredWindowQuery } from '../../ports/audit-log.js';
import type { ThreadError } from './thread-error.js';

/** What a window-reading thread is started with: the store it connects to while it waits for its range. */
export interface WindowReaderWorkerData {
  readonly databaseUrl: string;
}

/** The range it reads: the window, its ids in `(low, high]`, and the most cases. */
export interface WindowReaderRequest {
  readonly query: ScoredWindowQuery;
  readonly low: number;
  readonly high: number;
  readonly limit: number;
}

/** What it answers: the range's cases by column (their buffers transferred), or the error. */
export type WindowReaderReply =
  | { readonly kind: 'cases'; readonly cases: ScoredCases; readonly complete: boolean }
  | { readonly kind: 'error'; readonly error: ThreadError };
