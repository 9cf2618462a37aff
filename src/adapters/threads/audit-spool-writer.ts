import type {
  AuditSpoolStatus,
  AuditSpoolWriterData,
  AuditSpoolWriterMessage,
  AuditSpoolWriterReply,
} from './audit-spool-writer-messages.js';
import { startWorker } from './start-worker.js';
import { rebuildThreadError } from './thread-error.js';
import { ThreadOpening } from './thread-opening.js';

/**
 * The writer thread's young generation, in MB (V8's default is 16 MB per semi-space, 48 in all):
 * an append holds about 20,000 decoded cases while it builds and writes their rows, and with the
 * default most scavenges copied them again; 64 MB semi-spaces halved the time spent collecting and
 * sped one-case traffic by about a fifth (`npm run bench:audit`, docs/benchmarks.md).
 */
export const WRITER_YOUNG_GENERATION_MB = 192;

/** The spool writer thread, seen from the thread that started it. */
export interface AuditSpoolWriter {
  /** How far it is, as of its last pass. */
  readonly status: AuditSpoolStatus;
  /** Has the next pass write whatever waits, even while the machine is busy (see `deferBytes`). */
  writeNow(): void;
  /** Resolves once everything appended to the spool before the call is in the store (never, while the store fails). */
  drain(): Promise<void>;
  /** Writes what the spool holds (the serving processes must have finished their files), then closes the store. */
  close(): Promise<void>;
}

/**
 * Starts the thread that writes the spool folder `dir` into the audit log of `databaseUrl` (see
 * `SpoolIngest`), leaving up to `deferBytes` in the spool while the machine is busy. Resolves once the store is open; rejects
 * with the store's error when it cannot be. `onProblem` hears of damaged files and failed writes
 * (which are retried: the records stay in the spool).
 *
 * @example
 * const writer = await openAuditSpoolWriter({ dir, databaseUrl, pollMs: 200 }, (m) => log.error(m));
 * writer.status.backlogBytes;
 * await writer.close();
 */
export async function openAuditSpoolWriter(
  data: AuditSpoolWriterData,
  onProblem: (message: string) => void = () => undefined,
): Promise<AuditSpoolWriter> {
  const worker = startWorker(import.meta.url, './audit-spool-writer-worker', data, {
    maxYoungGenerationSizeMb: WRITER_YOUNG_GENERATION_MB,
  });
  let status: AuditSpoolStatus = { backlogBytes: 0, written: 0, damaged: 0 };
  const opening = new ThreadOpening();
  let onClosed: (() => void) | undefined;
  let stopped = false;
  let drainIds = 0;
  const draining = new Map<number, () => void>();
  worker.on('message', (message: AuditSpoolWriterReply) => {
    if (message.kind === 'ready') opening.ready();
    else if (message.kind === 'open-failed') opening.failed(rebuildThreadError(message.error));
    else if (message.kind === 'status') {
      const { backlogBytes, written, damaged, storeError } = message;
      status = { backlogBytes, written, damaged, ...(storeError ? { storeError } : {}) };
    } else if (message.kind === 'problem') onProblem(message.message);
    else if (message.kind === 'drained')
      for (const id of message.ids) {
        draining.get(id)?.();
        draining.delete(id);
      }
    else onClosed?.();
  });
  worker.on('error', (error) => {
    onProblem(`the audit spool writer thread failed: ${error.message}`);
    opening.failed(error);
  });
  worker.on('exit', () => {
    stopped = true;
    opening.failed(new Error('the audit spool writer thread stopped'));
    onClosed?.();
  });
  await opening.wait(worker);
  return {
    get status() {
      return status;
    },
    writeNow() {
      if (!stopped) worker.postMessage({ kind: 'write-now' } satisfies AuditSpoolWriterMessage);
    },
    drain() {
      if (stopped) return Promise.reject(new Error('the audit spool writer thread stopped'));
      const id = ++drainIds;
      const drained = new Promise<void>((resolve) => draining.set(id, resolve));
      worker.postMessage({ kind: 'drain', id } satisfies AuditSpoolWriterMessage);
      return drained;
    },
    async close() {
      if (stopped) return;
      const closed = new Promise<void>((resolve) => {
        onClosed = resolve;
      });
      worker.postMessage({ kind: 'close' });
      await closed;
      await worker.terminate();
    },
  };
}
