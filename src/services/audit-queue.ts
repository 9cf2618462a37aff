import type { AuditSink } from '../ports/audit-sink.js';
import { AuditBatchBuilder } from './audit-batch-builder.js';
import type { AuditEntry } from './audit-entry.js';

export interface AuditQueueOptions {
  /** Most cases waiting; beyond it, cases are dropped and counted. */
  readonly capacity: number;
  /** Cases per write. */
  readonly batchSize: number;
  /**
   * Longest a case waits before a write starts, in milliseconds. 0 with a sink that can write at
   * once (`writeNow`, the spool): each request's cases are written before `offer` returns, so
   * before the request is answered.
   */
  readonly flushMs: number;
  /**
   * `drop` (default): a full queue drops new cases (counted), a batch that fails three times is
   * given up (counted). `refuse`: a full queue refuses new cases (`offer` returns false and counts
   * them as refused: the caller must not answer them), and a failing batch is retried until it is
   * written (three attempts once the queue is closing), so that no answered case goes unrecorded.
   */
  readonly whenFull?: 'drop' | 'refuse';
  /** Told when cases are dropped (queue full, or a batch failed 3 times) or a write fails. */
  readonly onProblem?: (problem: {
    kind: 'dropped' | 'write-failed';
    cases: number;
    error?: unknown;
  }) => void;
}

const ATTEMPTS = 3;
/** Longest pause between two attempts at a batch that keeps failing. */
const MAX_BACKOFF_MS = 2000;

/**
 * Records scored cases asynchronously: requests are queued (bounded, counted in cases) and handed
 * to the sink in batches, one batch at a time, so that scoring never waits for the store. A
 * request's values are copied into the batch being filled when it is offered (flat arrays, see
 * `AuditBatchBuilder`), so the queue keeps no request alive. The
 * batch being written counts as waiting until it is written. A full queue drops the new cases and
 * counts them (`dropped`), a batch that fails three times is counted too (`failed`): records are
 * never lost silently. With `whenFull: 'refuse'` nothing is dropped: a full queue refuses the new
 * cases, which the caller then does not answer, and failing batches are retried until written.
 *
 * @example
 * const queue = new AuditQueue(await openAuditSinkThread(url), { capacity: 50_000, batchSize: 200, flushMs: 200 });
 * queue.offer(entry);
 * await queue.close(); // writes what is left, then closes the sink
 */
export class AuditQueue {
  readonly #sink: AuditSink;
  readonly #options: AuditQueueOptions;
  /** Full batches waiting, oldest first. */
  readonly #full: AuditBatchBuilder[] = [];
  /** The batch being filled. */
  #filling: AuditBatchBuilder | undefined;
  #depth = 0;
  #dropped = 0;
  #failed = 0;
  #written = 0;
  #refused = 0;
  #closing = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #writing: Promise<void> | undefined;

  constructor(sink: AuditSink, options: AuditQueueOptions) {
    this.#sink = sink;
    this.#options = options;
  }

  /** Cases waiting to be written. */
  get depth(): number {
    return this.#depth;
  }
  /** Cases dropped because the queue was full. */
  get dropped(): number {
    return this.#dropped;
  }
  /** Cases refused because the queue was full (`whenFull: 'refuse'`). */
  get refused(): number {
    return this.#refused;
  }
  /** True when a full queue refuses cases instead of dropping them. */
  get refusesWhenFull(): boolean {
    return this.#options.whenFull === 'refuse';
  }
  /** Cases given up after failed writes. */
  get failed(): number {
    return this.#failed;
  }
  /** Cases written. */
  get written(): number {
    return this.#written;
  }

  /**
   * Queues a request's cases; returns false when the queue has no room, counting them as dropped,
   * or as refused when the queue refuses (then the caller must not answer them).
   */
  offer(entry: AuditEntry): boolean {
    const n = entry.input.rowCount;
    if (this.#depth + n > this.#options.capacity) {
      if (this.refusesWhenFull) this.#refused += n;
      else {
        this.#dropped += n;
        this.#options.onProblem?.({ kind: 'dropped', cases: n });
      }
      return false;
    }
    if (this.#options.flushMs === 0 && this.#sink.writeNow && this.#depth === 0 && this.#writeNow(entry))
      return true;
    const { batchSize } = this.#options;
    for (let row = 0; row < n; ) {
      this.#filling ??= new AuditBatchBuilder();
      const end = Math.min(n, row + batchSize - this.#filling.cases);
      this.#filling.add(entry, row, end);
      row = end;
      if (this.#filling.cases >= batchSize) {
        this.#full.push(this.#filling);
        this.#filling = undefined;
      }
    }
    this.#depth += n;
    if (this.#full.length > 0) this.#kick();
    else if (!this.#timer && !this.#writing) {
      this.#timer = setTimeout(() => this.#kick(), this.#options.flushMs);
      this.#timer.unref?.();
    }
    return true;
  }

  /**
   * Writes a request's cases at once (the queue is empty, so order is kept); false when the sink
   * refused them, which then go through the queue (retried as any failed write).
   */
  #writeNow(entry: AuditEntry): boolean {
    const builder = new AuditBatchBuilder();
    builder.add(entry, 0, entry.input.rowCount);
    try {
      this.#sink.writeNow!(builder.batch);
      this.#written += builder.cases;
      return true;
    } catch (error) {
      this.#options.onProblem?.({ kind: 'write-failed', cases: builder.cases, error });
      return false;
    }
  }

  /** Writes everything queued so far. */
  async flush(): Promise<void> {
    while (this.#depth > 0 || this.#writing) {
      this.#kick();
      await this.#writing;
    }
  }

  /** Writes what is left and closes the sink; the queue must not be offered more after. */
  async close(): Promise<void> {
    this.#closing = true;
    await this.flush();
    await this.#sink.close();
  }

  #kick(): void {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    if (this.#writing || this.#depth === 0) return;
    this.#writing = this.#drain().finally(() => {
      this.#writing = undefined;
      if (this.#depth > 0 && !this.#timer) {
        this.#timer = setTimeout(() => this.#kick(), this.#full.length > 0 ? 0 : this.#options.flushMs);
        this.#timer.unref?.();
      }
    });
  }

  async #drain(): Promise<void> {
    while (this.#depth > 0) {
      const builder = this.#full.shift() ?? this.#takeFilling();
      // The batch counts as waiting until it is written: a queue that refuses keeps room for it.
      await this.#write(builder);
      this.#depth -= builder.cases;
      if (this.#full.length === 0) return;
      // A sink may write on this thread (SQLite): let requests in between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async #write(builder: AuditBatchBuilder): Promise<void> {
    const cases = builder.cases;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#sink.write(builder.batch);
        this.#written += cases;
        return;
      } catch (error) {
        this.#options.onProblem?.({ kind: 'write-failed', cases, error });
        const keep = this.refusesWhenFull && !this.#closing;
        if (!keep && attempt >= ATTEMPTS) {
          this.#failed += cases;
          this.#options.onProblem?.({ kind: 'dropped', cases, error });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_BACKOFF_MS, 100 * attempt)));
      }
    }
  }

  #takeFilling(): AuditBatchBuilder {
    const builder = this.#filling!;
    this.#filling = undefined;
    return builder;
  }
}
