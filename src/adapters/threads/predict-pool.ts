import { availableParallelism } from 'node:os';
import type { FeatureMatrix } from '../../core/gbdt/feature-matrix.js';
import type { PackedEnsemble } from '../../core/gbdt/predictor/packed-ensemble.js';
import { predictBatchMargin, predictBatchProbability } from '../../core/gbdt/predictor/predict-batch.js';
import type { PredictTaskMessage, PredictWorkerData, PredictWorkerReply } from './predict-worker-messages.js';
import { startWorker } from './start-worker.js';
import { rebuildThreadError } from './thread-error.js';

export interface PredictPoolOptions {
  /** Worker threads (default: the machine's available parallelism). */
  readonly threads?: number;
  /** Batches with fewer rows are scored on the calling thread (default 16384). */
  readonly minRowsPerThread?: number;
}

/** Batch prediction over worker threads; the same scores as `predictBatchMargin`, bit for bit. */
export interface PredictPool {
  readonly threads: number;
  predictMargin(matrix: FeatureMatrix, out: Float64Array | Float32Array): Promise<void>;
  predictProbability(matrix: FeatureMatrix, out: Float64Array | Float32Array): Promise<void>;
  /** Ends the workers, so that the process can exit. */
  close(): Promise<void>;
}

/**
 * Starts worker threads that score a packed ensemble over row ranges in parallel. Columns already in
 * `SharedArrayBuffer`s are read in place; others are copied once per call into shared staging
 * memory (kept between calls), as is the output.
 *
 * @example
 * const pool = await createPredictPool(packEnsemble(booster), { threads: 2 });
 * const p = new Float64Array(matrix.rowCount);
 * await pool.predictProbability(matrix, p);
 * await pool.close();
 */
export async function createPredictPool(
  packed: PackedEnsemble,
  options: PredictPoolOptions = {},
): Promise<PredictPool> {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const minRows = options.minRowsPerThread ?? 16384;
  const workers = Array.from({ length: threads }, () =>
    startWorker(import.meta.url, './predict-worker', { packed } satisfies PredictWorkerData),
  );
  await Promise.all(
    workers.map((w) => new Promise((resolve, reject) => w.once('online', resolve).once('error', reject))),
  );
  const pending = new Map<number, { resolve: () => void; reject: (e: unknown) => void }>();
  let nextId = 0;
  let staging: Float32Array[] = [];
  let stagingOut = new Float64Array(new SharedArrayBuffer(8));
  for (const worker of workers) {
    worker.on('message', (reply: PredictWorkerReply) => {
      const p = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.kind === 'done') p?.resolve();
      else p?.reject(rebuildThreadError(reply.error));
    });
    worker.on('error', (error) => {
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    });
  }

  const shared = (matrix: FeatureMatrix): readonly Float32Array[] =>
    matrix.columns.map((column, f) => {
      if (column.buffer instanceof SharedArrayBuffer) return column;
      if (!staging[f] || staging[f]!.length < matrix.rowCount) {
        staging[f] = new Float32Array(new SharedArrayBuffer(matrix.rowCount * 4));
      }
      staging[f]!.set(column.subarray(0, matrix.rowCount));
      return staging[f]!;
    });

  const run = async (
    matrix: FeatureMatrix,
    out: Float64Array | Float32Array,
    output: 'margin' | 'probability',
  ) => {
    const direct = output === 'margin' ? predictBatchMargin : predictBatchProbability;
    const parts = Math.min(threads, Math.floor(matrix.rowCount / minRows));
    const valid =
      matrix.columns.length === packed.featureCount &&
      matrix.columns.every((column) => column.length >= matrix.rowCount) &&
      out.length >= matrix.rowCount;
    // Small batches, and bad shapes (the direct path throws the specific error), stay on this thread.
    if (parts <= 1 || !valid) return direct(packed, matrix, out);
    const columns = shared(matrix);
    if (stagingOut.length < matrix.rowCount)
      stagingOut = new Float64Array(new SharedArrayBuffer(matrix.rowCount * 8));
    const target = stagingOut;
    await Promise.all(
      workers.slice(0, parts).map((worker, i) => {
        const id = nextId++;
        const start = Math.floor((matrix.rowCount * i) / parts);
        const end = Math.floor((matrix.rowCount * (i + 1)) / parts);
        const message: PredictTaskMessage = {
          id,
          columns,
          rowCount: matrix.rowCount,
          out: target,
          start,
          end,
          output,
        };
        return new Promise<void>((resolve, reject) => {
          pending.set(id, { resolve, reject });
          worker.postMessage(message);
        });
      }),
    );
    out.set(target.subarray(0, matrix.rowCount));
  };

  // Calls share the staging memory, so they run one after another.
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = (
    matrix: FeatureMatrix,
    out: Float64Array | Float32Array,
    output: 'margin' | 'probability',
  ) => {
    const next = queue.then(() => run(matrix, out, output));
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    threads,
    predictMargin: (matrix, out) => enqueue(matrix, out, 'margin'),
    predictProbability: (matrix, out) => enqueue(matrix, out, 'probability'),
    close: async () => {
      staging = [];
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
