/**
 * `npm run bench:gbdt`: amlops against XGBoost 1.7 (hist) on the same generated data, each side in
 * its own process, alternating, several repetitions; prints per figure the medians and the ratio
 * amlops / XGBoost.
 *
 * usage: npm run bench:gbdt -- [--rows 100000,1000000] [--reps 3] [--threads N] [--sides amlops,xgboost]
 *                              [--dir /tmp/amlops-bench-gbdt]
 * `--rows 10000000` adds ten million rows (data generation alone takes minutes). Rows are training
 * rows; the test set is another 3/7 of that (a 70/30 split), at most a million rows.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeSplit } from './bench-files.js';
import { casesMatrix, sliceCases } from './cases-matrix.js';

const PYTHON = '/usr/bin/python3';
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000,1000000' },
    reps: { type: 'string', default: '3' },
    threads: { type: 'string', default: String(availableParallelism()) },
    dir: { type: 'string', default: '/tmp/amlops-bench-gbdt' },
    seed: { type: 'string', default: '42' },
    sides: { type: 'string', default: 'amlops,xgboost' },
  },
});
const reps = Number(values.reps);
type Side = 'amlops' | 'xgboost';
const sides = values.sides!.split(',') as Side[];
const threads = values.threads!;
const here = new URL('.', import.meta.url).pathname;

interface SideResult {
  train_s: number;
  train_cpu_s: number;
  predict_rows_per_s: number;
  test_auc: number;
  max_rss_mb: number;
  pool_start_s?: number;
}

function prepare(rows: number): string {
  const dir = join(values.dir!, `rows-${rows}`);
  if (existsSync(join(dir, 'test_y.f32'))) return dir;
  mkdirSync(dir, { recursive: true });
  const testRows = Math.min(1_000_000, Math.round((rows * 3) / 7));
  const cases = casesMatrix(rows + testRows, Number(values.seed));
  writeSplit(dir, 'train', sliceCases(cases, 0, rows));
  writeSplit(dir, 'test', sliceCases(cases, rows, rows + testRows));
  return dir;
}

function runSide(side: Side, dir: string): SideResult {
  const args = ['--dir', dir, '--threads', threads];
  const out =
    side === 'amlops'
      ? execFileSync(process.execPath, ['--import', 'tsx', join(here, 'amlops-side.ts'), ...args], {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        })
      : execFileSync(PYTHON, [join(here, 'xgb_side.py'), ...args], {
          encoding: 'utf8',
          env: { ...process.env, OMP_NUM_THREADS: threads },
        });
  const line = out.trim().split('\n').pop()!;
  return JSON.parse(line) as SideResult;
}

function median(xs: number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const figures: [string, keyof SideResult, (v: number) => string][] = [
  ['training wall time (s)', 'train_s', (v) => v.toFixed(2)],
  ['training CPU time, all threads (s)', 'train_cpu_s', (v) => v.toFixed(2)],
  ['peak memory, whole process (MB)', 'max_rss_mb', (v) => v.toFixed(0)],
  ['test ROC AUC', 'test_auc', (v) => v.toFixed(4)],
  ['batch prediction (rows/s)', 'predict_rows_per_s', (v) => `${(v / 1e6).toFixed(2)}M`],
];

console.log(
  `amlops vs XGBoost 1.7 hist: 100 trees, depth 6, learning rate 0.1, max_bin 256, ${threads} threads, ${reps} reps`,
);
for (const rows of values.rows!.split(',').map(Number)) {
  const dir = prepare(rows);
  const results: Record<Side, SideResult[]> = { amlops: [], xgboost: [] };
  for (let rep = 0; rep < reps; rep++) {
    const order = rep % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      const r = runSide(side, dir);
      results[side].push(r);
      console.error(`  ${rows} rows, rep ${rep + 1}, ${side}: ${JSON.stringify(r)}`);
    }
  }
  console.log(`\n${rows.toLocaleString('en-US')} training rows`);
  console.log('| figure | amlops | XGBoost | amlops / XGBoost |\n| --- | --- | --- | --- |');
  for (const [label, key, format] of figures) {
    const a = median(results.amlops.map((r) => r[key] as number));
    const x = median(results.xgboost.map((r) => r[key] as number));
    const ratio =
      key === 'test_auc'
        ? `${(a - x >= 0 ? '+' : '') + (a - x).toFixed(4)} (difference)`
        : (a / x).toFixed(2);
    const show = (v: number): string => (Number.isNaN(v) ? '-' : format(v));
    console.log(`| ${label} | ${show(a)} | ${show(x)} | ${Number.isNaN(a + x) ? '-' : ratio} |`);
  }
  const pool = median(results.amlops.map((r) => r.pool_start_s ?? 0));
  console.log(
    `(amlops worker start, not in training time: ${pool.toFixed(2)} s; load average now ${loadavg()[0]!.toFixed(1)})`,
  );
}
