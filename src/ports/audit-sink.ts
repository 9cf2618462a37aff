/** The input columns of the cases of one model version, as an audit batch refers to them. */
export interface AuditSchema {
  readonly numericColumns: readonly string[];
  readonly categoricalColumns: readonly string[];
}

/**
 * Scored cases as the audit recorder hands them to be written: flat arrays, no object per case, so
 * that the queue holds little for the garbage collector and a batch crosses a thread boundary
 * cheaply. A *part* is consecutive cases of one request (a large request is written in parts).
 * Numbers are arrays as built, typed arrays as read back from a spool file.
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
  readonly times: ArrayLike<number>;
  /** Position in its request of the part's first case. */
  readonly firstRows: ArrayLike<number>;
  readonly caseCounts: ArrayLike<number>;
  /** Index in `schemas` of the part's input columns. */
  readonly schemaOf: ArrayLike<number>;
  /** Per case, in order: */
  readonly scores: ArrayLike<number>;
  readonly caseIds: readonly (string | null)[];
  /** Each case's numeric inputs in its schema's order, one case after another; NaN where missing. */
  readonly numeric: ArrayLike<number>;
  /** Each case's categorical inputs in its schema's order, one case after another; null where missing or unseen. */
  readonly categorical: readonly (string | null)[];
}

/**
 * Where a serving process puts the cases it scored before answering them: appended durably enough
 * that the end of the process loses none (a file of its own), with a bound on what may wait there
 * for the store. The audit recorder appends each group of requests once, then answers them.
 */
export interface AuditSink {
  /**
   * Appends every case of the batch before returning, or none: throws AUDIT_UNAVAILABLE (nothing
   * appended) when the cases not yet in the store already take the sink's bound, or when it cannot
   * write.
   */
  append(batch: AuditBatch): void;
  /** Bytes appended and not yet written to the store. */
  readonly backlogBytes: number;
  /** Flushes what was appended to the disk itself (fsync), so that a machine crash loses none of it. */
  sync(): void;
  /** Finishes the sink's file (the store's writer takes the rest). */
  close(): Promise<void>;
}
