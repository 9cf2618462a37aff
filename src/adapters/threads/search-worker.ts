// Entry point of a search worker thread: evaluates fold tasks on the search data the main thread
// shares with it, one at a time, and replies with the scores.
import { parentPort, workerData } from 'node:worker_threads';
import { isAmlopsError } from '../../core/errors/index.js';
import { evaluateFoldTask } from '../../core/search/evaluate-fold-task.js';
import type { SearchTaskMessage, SearchWorkerData, SearchWorkerReply } from './search-worker-messages.js';

const port = parentPort;
if (!port) throw new Error('search-worker.ts runs only as a worker thread');
const { data } = workerData as SearchWorkerData;

port.on('message', ({ id, task }: SearchTaskMessage) => {
  let reply: SearchWorkerReply;
  try {
    reply = { kind: 'result', id, result: evaluateFoldTask(data, task) };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    reply = {
      kind: 'error',
      id,
      error: {
        name: e.name,
        message: e.message,
        ...(e.stack ? { stack: e.stack } : {}),
        ...(isAmlopsError(e) ? { code: e.code, details: e.details } : {}),
      },
    };
  }
  port.postMessage(reply);
});
port.postMessage({ kind: 'ready' } satisfies SearchWorkerReply);
