import type { AuditSink } from '../../ports/audit-sink.js';
import type { AuditSinkMessage, AuditSinkReply, AuditSinkWorkerData } from './audit-sink-messages.js';
import { startWorker } from './start-worker.js';
import { rebuildThreadError } from './thread-error.js';
import { ThreadOpening } from './thread-opening.js';

/**
 * An audit sink whose writes run on a worker thread of their own, with its own connection to the
 * database at `databaseUrl` (SQLite or PostgreSQL): the request thread only hands over columns.
 * Resolves once the thread has opened the store; rejects with the store's error when it cannot.
 *
 * @example
 * const sink = await openAuditSinkThread('sqlite:.amlops/amlops.db');
 * await sink.write(requests);
 * await sink.close();
 */
export async function openAuditSinkThread(databaseUrl: string): Promise<AuditSink> {
  const worker = startWorker(import.meta.url, './audit-sink-worker', {
    databaseUrl,
  } satisfies AuditSinkWorkerData);
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let stopped: Error | undefined;
  let onClosed: (() => void) | undefined;
  const opening = new ThreadOpening();

  const stop = (error: Error) => {
    stopped ??= error;
    opening.failed(error);
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on('message', (message: AuditSinkReply) => {
    if (message.kind === 'ready') opening.ready();
    else if (message.kind === 'open-failed') stop(rebuildThreadError(message.error));
    else if (message.kind === 'closed') onClosed?.();
    else {
      const p = pending.get(message.id);
      pending.delete(message.id);
      if (message.kind === 'written') p?.resolve();
      else p?.reject(rebuildThreadError(message.error));
    }
  });
  worker.on('error', (error) => stop(new Error(`the audit writer thread failed: ${error.message}`)));
  worker.on('exit', (code) => stop(new Error(`the audit writer thread stopped (exit code ${code})`)));
  const post = (message: AuditSinkMessage) => worker.postMessage(message);

  await opening.wait(worker);

  return {
    write(batch) {
      if (stopped) return Promise.reject(stopped);
      return new Promise<void>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        post({ kind: 'write', id, batch });
      });
    },
    async close() {
      if (stopped) return;
      await new Promise<void>((resolve) => {
        onClosed = resolve;
        worker.once('exit', () => resolve());
        post({ kind: 'close' });
      });
      stop(new Error('the audit sink is closed'));
      await worker.terminate();
    },
  };
}
