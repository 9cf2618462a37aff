import type { AuditLog, ScoredCase } from '../ports/audit-log.js';
import type { AuditEntry } from './audit-entry.js';

export interface AuditQueueOptions {
  /** Most cases waiting; beyond it, cases are dropped and counted. */
  readonly capacity: number;
  /** Cases per write. */
  readonly batchSize: number;
  /** Longest a case waits before a write starts, in milliseconds. */
  readonly flushMs: number;
  /** Told when cases are dropped (queue full, or a batch failed 3 times) or a write fails. */
  readonly onProblem?: (problem: {
    kind: 'dropped' | 'write-failed';
    cases: number;
    error?: unknown;
  }) => void;
}

const ATTEMPTS = 3;

/**
 * Records scored cases asynchronously: requests are queued (bounded, counted in cases) and written
 * in batches by one writer, so that scoring never waits for the store. A full queue drops the new
 * cases and counts them (`dropped`), a batch that fails three times is counted too (`failed`):
 * records are never lost silently.
 *
 * @example
 * const queue = new AuditQueue(auditLog, { capacity: 200_000, batchSize: 500, flushMs: 200 });
 * queue.offer(entry);
 * await queue.close(); // writes what is left
 */
export class AuditQueue {
  readonly #log: AuditLog;
  readonly #options: AuditQueueOptions;
  readonly #entries: AuditEntry[] = [];
  /** Cases of `#entries[0]` already written. */
  #offset = 0;
  #depth = 0;
  #dropped = 0;
  #failed = 0;
  #written = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #writing: Promise<void> | undefined;

  constructor(log: AuditLog, options: AuditQueueOptions) {
    this.#log = log;
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
  /** Cases given up after failed writes. */
  get failed(): number {
    return this.#failed;
  }
  /** Cases written. */
  get written(): number {
    return this.#written;
  }

  /** Queues a request's cases; returns false (and counts them) when the queue has no room. */
  offer(entry: AuditEntry): boolean {
    const n = entry.input.rowCount;
    if (this.#depth + n > this.#options.capacity) {
      this.#dropped += n;
      this.#options.onProblem?.({ kind: 'dropped', cases: n });
      return false;
    }
    this.#entries.push(entry);
    this.#depth += n;
    if (this.#depth >= this.#options.batchSize) this.#kick();
    else if (!this.#timer && !this.#writing) {
      this.#timer = setTimeout(() => this.#kick(), this.#options.flushMs);
      this.#timer.unref?.();
    }
    return true;
  }

  /** Writes everything queued so far. */
  async flush(): Promise<void> {
    while (this.#depth > 0 || this.#writing) {
      this.#kick();
      await this.#writing;
    }
  }

  /** Writes what is left; the queue must not be offered more after. */
  close(): Promise<void> {
    return this.flush();
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
        this.#timer = setTimeout(
          () => this.#kick(),
          this.#depth >= this.#options.batchSize ? 0 : this.#options.flushMs,
        );
        this.#timer.unref?.();
      }
    });
  }

  async #drain(): Promise<void> {
    while (this.#depth > 0) {
      const batch = this.#take(this.#options.batchSize);
      for (let attempt = 1; ; attempt++) {
        try {
          await this.#log.append(batch);
          this.#written += batch.length;
          break;
        } catch (error) {
          this.#options.onProblem?.({ kind: 'write-failed', cases: batch.length, error });
          if (attempt === ATTEMPTS) {
            this.#failed += batch.length;
            this.#options.onProblem?.({ kind: 'dropped', cases: batch.length, error });
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
        }
      }
      if (this.#depth < this.#options.batchSize) return;
      // A store may write synchronously (SQLite): let requests in between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Takes up to `limit` cases off the front of the queue as audit records. */
  #take(limit: number): ScoredCase[] {
    const cases: ScoredCase[] = [];
    while (cases.length < limit && this.#entries.length > 0) {
      const entry = this.#entries[0]!;
      const { input, contract } = entry;
      const end = Math.min(input.rowCount, this.#offset + limit - cases.length);
      for (let row = this.#offset; row < end; row++) {
        const inputs: Record<string, string | number | null> = {};
        contract.numeric.forEach((name, i) => {
          const v = input.numeric[i]![row]!;
          inputs[name] = Number.isNaN(v) ? null : v;
        });
        contract.categorical.forEach((c, j) => {
          inputs[c.column] = input.categorical[j]![row]!;
        });
        cases.push({
          requestId: entry.requestId,
          row,
          caseId: input.ids?.[row] ?? null,
          modelName: entry.modelName,
          modelVersion: entry.modelVersion,
          inputs,
          score: entry.scores[row]!,
          time: entry.time,
          caller: entry.caller,
        });
      }
      this.#depth -= end - this.#offset;
      if (end === input.rowCount) {
        this.#entries.shift();
        this.#offset = 0;
      } else this.#offset = end;
    }
    return cases;
  }
}
