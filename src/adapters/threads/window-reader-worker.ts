// Entry point of a window-reading thread: connects to the store while its starter finds the window's
// bounds, reads the one range of ids it is then sent, answers with the cases by column (buffers
// transferred) and ends.
import { parentPort, workerData } from 'node:worker_threads';
import { openSqlDatabase } from '../sql/open-sql-database.js';
import { readWindowRange } from '../sql/scored-window-sql.js';
import { toThreadError } from './thread-error.js';
import type {
  WindowReaderReply,
  WindowReaderRequest,
  WindowReaderWorkerData,
} from './window-reader-messages.js';

const port = parentPort;
if (!port) throw new Error('window-reader-worker.ts runs only as a worker thread');
const { databaseUrl } = workerData as WindowReaderWorkerData;
// The process that started this thread opened (and migrated) the store already.
const opening = openSqlDatabase(databaseUrl, { migrate: false });
opening.catch(() => undefined);
port.once('message', async ({ query, low, high, limit }: WindowReaderRequest) => {
  try {
    const database = await opening;
    try {
      const read = await readWindowRange(database.db, database.flavor, query, low, high, limit);
      const cases = { rows: read.rows, inputs: read.inputs, scores: read.scores };
      const transfer = [
        read.scores.buffer as ArrayBuffer,
        ...[...read.inputs.values()].map(
          (c) => (c.kind === 'numeric' ? c.values.buffer : c.codes.buffer) as ArrayBuffer,
        ),
      ];
      port.postMessage(
        { kind: 'cases', cases, complete: read.complete } satisfies WindowReaderReply,
        transfer,
      );
    } finally {
      await database.close();
    }
  } catch (error) {
    port.postMessage({ kind: 'error', error: toThreadError(error) } satisfies WindowReaderReply);
  }
});
