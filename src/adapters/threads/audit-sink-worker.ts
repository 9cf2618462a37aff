// Entry point of the audit writer thread: opens the audit log of the database it is given and
// appends the batches the main thread sends, one after another, so that neither SQLite's
// synchronous writes (and its waits for the write lock) nor query building run on the thread
// that answers requests.
import { parentPort, workerData } from 'node:worker_threads';
import type { AuditSink } from '../../ports/audit-sink.js';
import { auditLogSink } from '../sql/audit-log-sink.js';
import { openAuditLog } from '../sql/audit-open-log.js';
import type { AuditSinkMessage, AuditSinkReply, AuditSinkWorkerData } from './audit-sink-messages.js';
import { toThreadError } from './thread-error.js';
import { lowerThisThreadsPriority } from './thread-priority.js';

const port = parentPort;
if (!port) throw new Error('audit-sink-worker.ts runs only as a worker thread');
const reply = (message: AuditSinkReply) => port.postMessage(message);
const { databaseUrl } = workerData as AuditSinkWorkerData;

/**
 * Scheduling priority of the writer (Linux nice): low enough that on a saturated machine the
 * threads answering requests run first, high enough that the writes keep up (at 19 the queue grew
 * without bound under `npm run bench:serve`; at 10 it stays below one batch).
 */
const NICE = 10;
lowerThisThreadsPriority(NICE);

let sink: AuditSink | undefined;
try {
  sink = auditLogSink(await openAuditLog(databaseUrl), { owned: true });
  reply({ kind: 'ready' });
} catch (error) {
  reply({ kind: 'open-failed', error: toThreadError(error) });
}

const opened = sink;
if (opened) {
  let previous: Promise<void> = Promise.resolve();
  port.on('message', (message: AuditSinkMessage) => {
    previous = previous.then(async () => {
      if (message.kind === 'close') {
        await opened.close();
        reply({ kind: 'closed' });
        port.close();
        return;
      }
      try {
        await opened.write(message.batch);
        reply({ kind: 'written', id: message.id });
      } catch (error) {
        reply({ kind: 'failed', id: message.id, error: toThreadError(error) });
      }
    });
  });
}
