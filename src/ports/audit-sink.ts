/** The input columns of the cases of one model version, as an audit batch refers to them. */
export interface AuditSchema {
  readonly numericColumns: readonly string[];
  readonly categoricalColumns: readonly string[];
}

/**
 * Scored cases as the audit queue hands them to be written: flat arrays, no object per case, so
 * that the queue holds little for the garbage collector and a batch crosses a thread boundary
 * cheaply. A *part* is consecutive cases of one request (a large request is written in parts).
 */
export interface AuditBatch {
  readonly schemas: readonly AuditSchema[];
  /** Per part: */
  readonly requestIds: readonly string[];
  readonly modelNames: readonly string[];
  readonly modelVersions: readonly string[];
  readonly callers: readonly string[];
  /** The client's `X-Request-Id` when well-formed, else null. */
  readonly clientRequestIds: readonly (string | null)[];
  /** When the request was scored, in milliseconds since the epoch. */
  readonly times: readonly number[];
  /** Position in its request of the part's first case. */
  readonly firstRows: readonly number[];
  readonly caseCounts: readonly number[];
  /** Index in `schemas` of the part's input columns. */
  readonly schemaOf: readonly number[];
  /** Per case, in order: */
  readonly scores: readonly number[];
  readonly caseIds: readonly (string | null)[];
  /** Each case's numeric inputs in its schema's order, one case after another; NaN where missing. */
  readonly numeric: readonly number[];
  /** Each case's categorical inputs in its schema's order, one case after another; null where missing or unseen. */
  readonly categorical: readonly (string | null)[];
}

/**
 * Where the audit queue writes scored cases: one call per batch, all or nothing; it throws when
 * the batch was not written (the queue retries, then counts the cases as failed).
 */
export interface AuditSink {
  write(batch: AuditBatch): Promise<void>;
  /**
   * Writes the batch before returning, throwing when it cannot; only sinks whose writes are
   * synchronous and short have it (the spool file). The queue uses it to write each request's
   * cases before the request is answered (`audit.flushMs` 0).
   */
  writeNow?(batch: AuditBatch): void;
  /** Finishes the writes in progress and releases the store. */
  close(): Promise<void>;
}
