/**
 * One amlops measurement in its own process (so that its peak memory is its own): train on
 * `<dir>/train_*.f32`, score `<dir>/test_*.f32`, print one JSON line.
 * usage: tsx bench/gbdt/amlops-side.ts --dir DIR --threads N --trees 100 --depth 6 --eta 0.1 --max-bin 256
 */
import { parseArgs } from 'node:util';
import { createThreadTrainingBackend } from '../../src/adapters/threads/index.js';
import { rocAuc } from '../../src/core/evaluate/roc-auc.js';
import { packEnsemble } from '../../src/core/gbdt/predictor/packed-ensemble.js';
import { predictBatchProbability } from '../../src/core/gbdt/predictor/predict-batch.js';
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

const packed = packEnsemble(booster);
const probabilities = new Float64Array(test.matrix.rowCount);
predictBatchProbability(packed, test.matrix, probabilities, { end: Math.min(10_000, test.matrix.rowCount) });
const p0 = performance.now();
predictBatchProbability(packed, test.matrix, probabilities);
const predictSeconds = (performance.now() - p0) / 1000;
const testAuc = rocAuc(probabilities, test.labels);
await backend.close();
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
