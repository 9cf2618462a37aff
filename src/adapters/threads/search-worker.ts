// Entry point of a search worker thread: evaluates fold tasks on the search data the main thread
// shares with it, one at a time, and replies with the scores.
import { parentPort, workerData } from 'node:worker_threads';
import { BinnedFolds } from '../../core/search/binned-folds.js';
import { evaluateFoldTask } from '../../core/search/evaluate-fold-task.js';
import type { SearchTaskMessage, SearchWorkerData, SearchWorkerReply } from './search-worker-messages.js';
import { toThreadError } from './thread-error.js';

const port = parentPort;
if (!port) throw new Error('search-worker.ts runs only as a worker thread');
const { data } = workerData as SearchWorkerData;
/** This thread's binned folds, reused by every candidate it trains on the same fold. */
const folds = new BinnedFolds();

port.on('message', ({ id, task }: SearchTaskMessage) => {
  let reply: SearchWorkerReply;
  try {
    reply = { kind: 'result', id, result: evaluateFoldTask(data, task, folds) };
  } catch (error) {
    reply = { kind: 'error', id, error: toThreadError(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ kind: 'ready' } satisfies SearchWorkerReply);
