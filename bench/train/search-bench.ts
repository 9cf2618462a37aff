// Measures the search presets on generated cases: rows -> split 70/30 -> search (worker threads)
// -> refit -> test ROC AUC, printing one JSON line per run. With --reference, writes the same split
// as CSV and runs the reference Python system's presets on it (../shared/anchor/train.py).
//
//   npx tsx bench/train/search-bench.ts [--rows 100000,1000000] [--presets original,default]
//        [--threads N] [--budget S] [--reference original,xgb,hgb] [--dir /tmp/amlops-search-bench]
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { searchThreadExecutor } from '../../src/adapters/threads/search-thread-executor.js';
import { createThreadTrainingBackend } from '../../src/adapters/threads/thread-training-backend.js';
import { stratifiedSplit } from '../../src/core/dataset/stratified-split.js';
import { evaluationReport } from '../../src/core/evaluate/evaluation-report.js';
import type { Frame } from '../../src/core/frame/frame.js';
import { Rng } from '../../src/core/random/rng.js';
import { searchProbabilities } from '../../src/core/search/fold-trainer.js';
import { frameFeatures } from '../../src/core/search/frame-features.js';
import { inProcessExecutor } from '../../src/core/search/in-process-executor.js';
import { runSearch } from '../../src/core/search/run-search.js';
import { searchPreset } from '../../src/core/search/search-presets.js';
import { generateCases } from '../../src/core/synthetic/index.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000,1000000' },
    presets: { type: 'string', default: 'original,default' },
    threads: { type: 'string' },
    budget: { type: 'string' },
    seed: { type: 'string', default: '7' },
    reference: { type: 'string' },
    dir: { type: 'string', default: '/tmp/amlops-search-bench' },
    verbose: { type: 'boolean', default: false },
  },
});
const threads = Number(values.threads ?? availableParallelism());
const refitBackend = threads > 1 ? createThreadTrainingBackend({ threads }) : undefined;
const now = (): number => performance.now() / 1000;

for (const rows of values.rows!.split(',').map(Number)) {
  let t = now();
  const cases = generateCases({ rows, seed: Number(values.seed) });
  const split = stratifiedSplit(cases.label, 0.3, new Rng(42));
  const train = cases.frame.take(split.train);
  const test = cases.frame.take(split.test);
  const yTrain = Uint8Array.from(split.train, (i) => cases.label[i]!);
  const yTest = Uint8Array.from(split.test, (i) => cases.label[i]!);
  print({
    rows,
    step: 'generate+split',
    seconds: now() - t,
    positiveRate: cases.positiveRate,
    bestRocAuc: cases.bestRocAuc,
  });

  for (const name of values.presets!.split(',').filter(Boolean)) {
    const preset = searchPreset(name);
    const features = frameFeatures(train);
    const cpuBefore = process.cpuUsage();
    t = now();
    const result = await runSearch({
      preset,
      labels: yTrain,
      matrixOf: features.matrixOf,
      seed: 42,
      ...(values.budget ? { budgetSeconds: Number(values.budget) } : {}),
      executor: threads > 1 ? searchThreadExecutor({ threads }) : inProcessExecutor,
      ...(refitBackend ? { refitBackend } : {}),
      clock: now,
      onCandidate: (p) => {
        if (values.verbose) {
          const c = p.candidate;
          print({
            candidate: c.index,
            status: c.status,
            meanAuc: c.meanAuc,
            trees: c.foldTrees,
            seconds: c.seconds,
            params: c.params,
            elapsed: p.elapsedSeconds,
          });
        }
      },
    });
    const searchSeconds = now() - t;
    const cpu = process.cpuUsage(cpuBefore);
    // Process-wide (worker threads included): about what the search costs on an idle machine.
    const searchCpuSeconds = (cpu.user + cpu.system) / 1e6;
    t = now();
    const best = features.fitted.get(result.bestFeatureSet)!;
    const pTest = searchProbabilities(result.booster!, best.transform(test));
    const bestSet = preset.featureSets.find((set) => set.name === result.bestFeatureSet)!;
    const pTrain = searchProbabilities(result.booster!, features.matrixOf(bestSet));
    const predictSeconds = now() - t;
    t = now();
    const report = evaluationReport(
      { labels: yTrain, probabilities: pTrain },
      { labels: yTest, probabilities: pTest },
    );
    const reportSeconds = now() - t;
    print({
      rows,
      preset: name,
      threads,
      searchSeconds,
      searchCpuSeconds,
      predictSeconds,
      reportSeconds,
      timings: result.timings,
      evaluated: result.candidates.filter((c) => c.status === 'evaluated').length,
      candidates: result.candidates.length,
      bestCvAuc: result.best.meanAuc,
      bestParams: result.bestParams,
      trainRocAuc: report.train.rocAuc,
      testRocAuc: report.test.rocAuc,
      testPrAuc: report.test.prAuc,
    });
  }

  if (values.reference) {
    const dir = join(values.dir!, `rows-${rows}`);
    mkdirSync(dir, { recursive: true });
    const trainCsv = join(dir, 'train.csv');
    const testCsv = join(dir, 'test.csv');
    await writeCsv(train, trainCsv);
    await writeCsv(test, testCsv);
    for (const preset of values.reference.split(',')) {
      const started = now();
      const run = spawnSync(
        '/usr/bin/python3',
        [
          'train.py',
          '--train',
          trainCsv,
          '--test',
          testCsv,
          '--preset',
          preset,
          '--threads',
          String(threads),
        ],
        { cwd: new URL('../../../shared/anchor/', import.meta.url).pathname, encoding: 'utf8' },
      );
      const line = run.stdout.trim().split('\n').at(-1) ?? '';
      print({
        rows,
        reference: preset,
        wallSeconds: now() - started,
        ...(line.startsWith('{') ? JSON.parse(line) : { error: run.stderr.slice(-500) }),
      });
    }
  }
}

await refitBackend?.close();

function print(record: Record<string, unknown>): void {
  console.log(
    JSON.stringify(record, (_, v) =>
      typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(4)) : v,
    ),
  );
}

async function writeCsv(frame: Frame, path: string): Promise<void> {
  const out = createWriteStream(path);
  const columns = frame.columns;
  out.write(`${columns.map((c) => c.name).join(',')}\n`);
  for (let r = 0; r < frame.rowCount; r++) {
    const cells = columns.map((c) => {
      if (c.kind === 'numeric') return Number.isNaN(c.values[r]!) ? '' : String(c.values[r]);
      if (c.kind === 'categorical') return c.codes[r]! < 0 ? '' : c.categories[c.codes[r]!]!;
      return c.values[r] ?? '';
    });
    if (!out.write(`${cells.join(',')}\n`))
      await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}
