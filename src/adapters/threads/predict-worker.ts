// Entry point of a predict worker thread: scores row ranges of columns the main thread shares with
// it, into a shared output, with its own copy of the packed ensemble.
import { parentPort, workerData } from 'node:worker_threads';
import { predictBatchMargin, predictBatchProbability } from '../../core/gbdt/predictor/predict-batch.js';
import type { PredictTaskMessage, PredictWorkerData, PredictWorkerReply } from './predict-worker-messages.js';
import { toThreadError } from './thread-error.js';

const port = parentPort;
if (!port) throw new Error('predict-worker.ts runs only as a worker thread');
const { packed } = workerData as PredictWorkerData;

port.on('message', (task: PredictTaskMessage) => {
  let reply: PredictWorkerReply;
  try {
    const matrix = { rowCount: task.rowCount, featureNames: [], columns: task.columns };
    const predict = task.output === 'margin' ? predictBatchMargin : predictBatchProbability;
    predict(packed, matrix, task.out, { start: task.start, end: task.end });
    reply = { kind: 'done', id: task.id };
  } catch (error) {
    reply = { kind: 'error', id: task.id, error: toThreadError(error) };
  }
  port.postMessage(reply);
});
