import type { AuditSink } from '../../ports/audit-sink.js';
import { toThreadError } from '../threads/thread-error.js';
import { isAuditWriteMessage } from './audit-ipc-messages.js';

/** A cluster worker as the primary sees it (node's `cluster.Worker`). */
export interface WorkerChannel {
  isConnected(): boolean;
  send(message: unknown): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

/**
 * In the cluster's primary: writes the audit batches `worker` sends (see `auditSinkViaPrimary`)
 * to `sink`, one after another, and answers each with its outcome.
 *
 * @example
 * cluster.on('fork', (worker) => relayAuditWrites(worker, sink));
 */
export function relayAuditWrites(worker: WorkerChannel, sink: AuditSink): void {
  let previous: Promise<void> = Promise.resolve();
  worker.on('message', (message) => {
    if (!isAuditWriteMessage(message)) return;
    const { id, batch } = message;
    previous = previous.then(async () => {
      let reply: unknown;
      try {
        await sink.write(batch);
        reply = { amlopsAudit: 'written', id };
      } catch (error) {
        reply = { amlopsAudit: 'failed', id, error: toThreadError(error) };
      }
      if (worker.isConnected()) worker.send(reply);
    });
  });
}
