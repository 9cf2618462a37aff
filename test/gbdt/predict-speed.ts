/**
 * Measures the predictor: single-row microseconds and batch rows/s (wall and per CPU-second, the
 * latter being steadier on a shared machine), on a booster of 100 trees of depth 6 over 5 features
 * (the original's shape after one-hot encoding): a random full-depth one, or an XGBoost model file.
 * With `threads` > 0, also the worker-thread batch path (src/adapters/threads/predict-pool.ts).
 * Run: npx tsx test/gbdt/predict-speed.ts [rows] [xgboost-model.json | random] [threads]
 */
import { readFileSync } from 'node:fs';
import { createPredictPool } from '../../src/adapters/threads/predict-pool.js';
import { packEnsemble } from '../../src/core/gbdt/predictor/packed-ensemble.js';
import { predictBatchMargin } from '../../src/core/gbdt/predictor/predict-batch.js';
import { predictRowMargin } from '../../src/core/gbdt/predictor/predict-row.js';
import { loadXgboostJson } from '../../src/core/gbdt/xgboost-json/load-xgboost-json.js';
import { makeRandomBooster, makeRandomMatrix, matrixRow } from './make-random-booster.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const modelPath = process.argv[3] === 'random' ? undefined : process.argv[3];
const threads = Number(process.argv[4] ?? 2);
const booster = modelPath
  ? loadXgboostJson(readFileSync(modelPath, 'utf8'))
  : makeRandomBooster({ seed: 7, trees: 100, depth: 6, features: 5, fullTrees: true });
const packed = packEnsemble(booster);
const matrix = makeRandomMatrix(11, rows, booster.featureNames.length);
const out = new Float64Array(rows);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

const single = Array.from({ length: 1000 }, (_, r) => matrixRow(matrix, r));
let sink = 0;
for (let i = 0; i < 200_000; i++) sink += predictRowMargin(packed, single[i % 1000]!);
const singleWall: number[] = [];
const singleCpu: number[] = [];
for (let rep = 0; rep < 5; rep++) {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < 200_000; i++) sink += predictRowMargin(packed, single[i % 1000]!);
  singleWall.push(Number(process.hrtime.bigint() - t0) / 1e3 / 200_000);
  const c = process.cpuUsage(c0);
  singleCpu.push((c.user + c.system) / 200_000);
}
predictBatchMargin(packed, matrix, out, { end: Math.min(rows, 100_000) });
const batchWall: number[] = [];
const batchCpu: number[] = [];
for (let rep = 0; rep < 5; rep++) {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  predictBatchMargin(packed, matrix, out);
  batchWall.push(Number(process.hrtime.bigint() - t0) / 1e9);
  const c = process.cpuUsage(c0);
  batchCpu.push((c.user + c.system) / 1e6);
}
const poolWall: number[] = [];
if (threads > 0) {
  const pool = await createPredictPool(packed, { threads });
  const pooled = new Float64Array(rows);
  await pool.predictMargin(matrix, pooled);
  for (let rep = 0; rep < 5; rep++) {
    const t0 = process.hrtime.bigint();
    await pool.predictMargin(matrix, pooled);
    poolWall.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  await pool.close();
  if (pooled.some((v, r) => v !== out[r])) throw new Error('the pool disagrees with the single-thread path');
}
let mismatches = 0;
for (let r = 0; r < 1000; r++) if (out[r] !== predictRowMargin(packed, single[r]!)) mismatches++;
console.log(
  JSON.stringify({
    trees: packed.treeCount,
    rows,
    singleRowMicroseconds: {
      wall: Number(median(singleWall).toFixed(3)),
      cpu: Number(median(singleCpu).toFixed(3)),
    },
    batchRowsPerSecond: {
      wall: Math.round(rows / median(batchWall)),
      perCpuSecond: Math.round(rows / median(batchCpu)),
    },
    ...(threads > 0 ? { poolRowsPerSecond: { threads, wall: Math.round(rows / median(poolWall)) } } : {}),
    rowVsBatchMismatches: mismatches,
    finite: Number.isFinite(sink),
  }),
);
