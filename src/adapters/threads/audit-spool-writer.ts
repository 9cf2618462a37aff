import type {
  AuditSpoolStatus,
  AuditSpoolWriterData,
  AuditSpoolWriterMessage,
  AuditSpoolWriterReply,
} from './audit-spool-writer-messages.js';
import { startWorker } from './start-worker.js';
import { rebuildThreadError } from './thread-error.js';
import { ThreadOpening } from './thread-opening.js';

/** How long an idle-priority writer has to finish on close before a thread at normal priority takes over. */
const IDLE_CLOSE_GRACE_MS = 2000;

/** The spool writer thread, seen from the thread that started it. */
export interface AuditSpoolWriter {
  /** The scheduling it runs under: 'idle' (SCHED_IDLE), 'nice 19' or 'unchanged'. */
  readonly priority: string;
  /** How far it is, as of its last pass. */
  readonly status: AuditSpoolStatus;
  /** Has the next pass write whatever waits, even while the machine is busy (see `deferBytes`). */
  writeNow(): void;
  /** Writes what the spool holds (the serving processes must have finished their files), then closes the store. */
  close(): Promise<void>;
}

/**
 * Starts the thread that writes the spool folder `dir` into the audit log of `databaseUrl` (see
 * `SpoolIngest`), at the lowest scheduling priority, leaving up to `deferBytes` in the spool while
 * the machine is busy. Resolves once the store is open; rejects
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
  const worker = startWorker(import.meta.url, './audit-spool-writer-worker', data);
  let status: AuditSpoolStatus = { backlogBytes: 0, written: 0, damaged: 0 };
  let priority = 'unchanged';
  const opening = new ThreadOpening();
  let onClosed: (() => void) | undefined;
  let stopped = false;
  worker.on('message', (message: AuditSpoolWriterReply) => {
    if (message.kind === 'ready') {
      priority = message.priority;
      opening.ready();
    } else if (message.kind === 'open-failed') opening.failed(rebuildThreadError(message.error));
    else if (message.kind === 'status') {
      const { backlogBytes, written, damaged } = message;
      status = { backlogBytes, written, damaged };
    } else if (message.kind === 'problem') onProblem(message.message);
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
    priority,
    get status() {
      return status;
    },
    writeNow() {
      if (!stopped) worker.postMessage({ kind: 'write-now' } satisfies AuditSpoolWriterMessage);
    },
    async close() {
      if (stopped) return;
      const closed = new Promise<void>((resolve) => {
        onClosed = resolve;
      });
      worker.postMessage({ kind: 'close' });
      if (data.priority !== 'idle') {
        await closed;
        await worker.terminate();
        return;
      }
      // On a machine kept busy by others an idle thread may hardly run, and it cannot leave
      // SCHED_IDLE without privileges: past a grace period it is stopped (what it appended is
      // checkpointed) and a thread at the process's priority writes what is left (the server is
      // stopping: no request waits for the CPU).
      let timer: ReturnType<typeof setTimeout> | undefined;
      const graceful = await Promise.race([
        closed.then(() => true),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), IDLE_CLOSE_GRACE_MS);
        }),
      ]);
      clearTimeout(timer);
      await worker.terminate();
      if (graceful) return;
      const finisher = await openAuditSpoolWriter({ ...data, priority: 'normal' }, onProblem);
      await finisher.close();
    },
  };
}
