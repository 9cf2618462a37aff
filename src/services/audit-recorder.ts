import { AmlopsError, isAmlopsError } from '../core/errors/index.js';
import type { AuditSink } from '../ports/audit-sink.js';
import { AuditBatchBuilder } from './audit-batch-builder.js';
import type { AuditEntry } from './audit-entry.js';

export interface AuditRecorderOptions {
  /**
   * How often the sink is flushed to the disk (fsync), in milliseconds; 0 before every answer.
   * Whatever it is, a process that is killed loses no answered case (the sink's file holds it).
   */
  readonly fsyncMs: number;
  /** Told when a group of requests could not be recorded (and so is not answered). */
  readonly onRefused?: (error: AmlopsError, cases: number) => void;
}

interface Waiting {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Records every scored case before its answer leaves. The requests scored in one turn of the event
 * loop are appended to the sink together, once, right after that turn (a group commit: one
 * encoding and one `write` for all of them), and only then does each `record` resolve and its
 * request get answered. When the sink refuses (its backlog full, its file unwritable), every request
 * of the group is refused with AUDIT_UNAVAILABLE: a request is answered only once its cases are
 * recorded.
 *
 * @example
 * const recorder = new AuditRecorder(openAuditSpoolSink({ dir, maxBytes }), { fsyncMs: 1000 });
 * await recorder.record(entry); // then answer
 * await recorder.close();
 */
export class AuditRecorder {
  readonly #sink: AuditSink;
  readonly #options: AuditRecorderOptions;
  #group = new AuditBatchBuilder();
  #waiting: Waiting[] = [];
  #scheduled = false;
  #written = 0;
  #refused = 0;
  #closed = false;
  readonly #syncTimer: ReturnType<typeof setInterval> | undefined;

  constructor(sink: AuditSink, options: AuditRecorderOptions) {
    this.#sink = sink;
    this.#options = options;
    if (options.fsyncMs > 0) {
      this.#syncTimer = setInterval(() => this.#sync(), options.fsyncMs);
      this.#syncTimer.unref();
    }
  }

  /** Cases recorded (in the sink) so far. */
  get written(): number {
    return this.#written;
  }
  /** Cases refused (not answered) so far. */
  get refused(): number {
    return this.#refused;
  }
  /** Bytes recorded and not yet in the store. */
  get backlogBytes(): number {
    return this.#sink.backlogBytes;
  }

  /**
   * Resolves once the request's cases are recorded; rejects with AUDIT_UNAVAILABLE when they cannot
   * be (then the request must not be answered).
   */
  record(entry: AuditEntry): Promise<void> {
    if (this.#closed)
      return Promise.reject(
        new AmlopsError('AUDIT_UNAVAILABLE', 'the audit log is closed: the server is stopping', {
          retryAfterSeconds: 1,
        }),
      );
    this.#group.add(entry, 0, entry.input.rowCount);
    const done = new Promise<void>((resolve, reject) => this.#waiting.push({ resolve, reject }));
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.#flush());
    }
    return done;
  }

  #flush(): void {
    this.#scheduled = false;
    const group = this.#group;
    const waiting = this.#waiting;
    if (waiting.length === 0) return;
    this.#group = new AuditBatchBuilder();
    this.#waiting = [];
    try {
      this.#sink.append(group.batch);
      if (this.#options.fsyncMs === 0) this.#sink.sync();
    } catch (error) {
      const refused = isAmlopsError(error)
        ? error
        : new AmlopsError(
            'AUDIT_UNAVAILABLE',
            `the audit log cannot take these cases: ${(error as Error).message}`,
            {
              retryAfterSeconds: 1,
            },
          );
      this.#refused += group.cases;
      this.#options.onRefused?.(refused, group.cases);
      for (const w of waiting) w.reject(refused);
      return;
    }
    this.#written += group.cases;
    for (const w of waiting) w.resolve();
  }

  #sync(): void {
    try {
      this.#sink.sync();
    } catch {
      // The next append meets the same problem and refuses its requests, which says it.
    }
  }

  /** Records what waits, flushes the sink to the disk and closes it. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#flush();
    this.#closed = true;
    if (this.#syncTimer) clearInterval(this.#syncTimer);
    this.#sync();
    await this.#sink.close();
  }
}
