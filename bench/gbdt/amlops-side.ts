/**
 * One amlops measurement in its own process (so that its peak memory is its own): train on
 * `<dir>/train_*.f32`, score `<dir>/test_*.f32` on `--threads` predict workers, print one JSON line.
 * usage: tsx bench/gbdt/amlops-side.ts --dir DIR --threads N --trees 100 --depth 6 --eta 0.1 --max-bin 256
 */
import { parseArgs } from 'node:util';
import { createPredictPool, createThreadTrainingBackend } from '../../src/adapters/threads/index.js';
import { rocAuc } from '../../src/core/evaluate/roc-auc.js';
import type { FeatureMatrix } from '../../src/core/gbdt/feature-matrix.js';
import { packEnsemble } from '../../src/core/gbdt/predictor/packed-ensemble.js';
import { trainBooster } from '../../src/core/gbdt/train-booster.js';
import { readSplit } from './bench-files.js';
import { FEATURES } from './cases-matrix.js';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    threads: { type: 'string', default: '2' },
    trees: { type: 'string', default: '100' },
    depth: { type: 'string', default: '6' },
    eta: { type: 'string', default: '0.1' },
    'max-bin': { type: 'string', default: '256' },
  },
});
const dir = values.dir!;
const threads = Number(values.threads);
const train = readSplit(dir, 'train', FEATURES);
const test = readSplit(dir, 'test', FEATURES);

const backend = createThreadTrainingBackend({ threads });
const poolStart = performance.now();
await backend.start();
const poolSeconds = (performance.now() - poolStart) / 1000;

const t0 = performance.now();
const cpu0 = process.cpuUsage();
const { booster } = trainBooster(
  train.matrix,
  train.labels,
  {
    n_estimators: Number(values.trees),
    max_depth: Number(values.depth),
    learning_rate: Number(values.eta),
    max_bin: Number(values['max-bin']),
  },
  { backend },
);
const trainSeconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const trainCpuSeconds = (cpu.user + cpu.system) / 1e6;
// The training workers are not needed any more: end them before the predict workers start.
await backend.close();

// Batch prediction on as many threads as XGBoost's inplace_predict gets. The test columns go to
// shared memory first (as numpy's array is shared with XGBoost's threads), outside the timing.
const packed = packEnsemble(booster);
const pool = await createPredictPool(packed, { threads });
const sharedColumns = test.matrix.columns.map((column) => {
  const copy = new Float32Array(new SharedArrayBuffer(4 * column.length));
  copy.set(column);
  return copy;
});
const shared = (rows: number): FeatureMatrix => ({
  rowCount: rows,
  featureNames: test.matrix.featureNames,
  columns: sharedColumns.map((column) => column.subarray(0, rows)),
});
const probabilities = new Float64Array(test.matrix.rowCount);
// Warm-up on the first 100 000 rows, so that the workers' code is compiled before the timed call.
await pool.predictProbability(shared(Math.min(100_000, test.matrix.rowCount)), probabilities);
const p0 = performance.now();
await pool.predictProbability(shared(test.matrix.rowCount), probabilities);
const predictSeconds = (performance.now() - p0) / 1000;
const testAuc = rocAuc(probabilities, test.labels);
await pool.close();
console.log(
  JSON.stringify({
    side: 'amlops',
    train_rows: train.matrix.rowCount,
    test_rows: test.matrix.rowCount,
    train_s: trainSeconds,
    train_cpu_s: trainCpuSeconds,
    pool_start_s: poolSeconds,
    predict_rows_per_s: test.matrix.rowCount / predictSeconds,
    test_auc: testAuc,
    max_rss_mb: process.resourceUsage().maxRSS / 1024,
    nodes: booster.trees.reduce((n, t) => n + t.left.length, 0),
  }),
);
