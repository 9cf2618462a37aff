/**
 * `npm run bench:train:command [-- --rows 100000,1000000 --reps 1]`: the whole `amlops train
 * --preset original` command (the built CLI in its own process: start-up, load, validate, search,
 * refit, evaluate, quality, log, register, promote) beside the reference's whole process
 * (`../shared/anchor/train.py --preset original`), on the same generated cases and the same 70/30
 * split (given to both as train and test files); sides alternated, medians of wall time and peak
 * resident memory (`/usr/bin/time`, threads included), and each side's test ROC AUC.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeTable } from '../../src/adapters/data/write-table.js';
import { stratifiedSplit } from '../../src/core/dataset/stratified-split.js';
import { Rng } from '../../src/core/random/rng.js';
import { generateCases } from '../../src/core/synthetic/index.js';
import { buildCli } from '../support/build-cli.js';

const ROOT = resolve(import.meta.dirname, '../..');
const ANCHOR = resolve(ROOT, '../shared/anchor');
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000,1000000' },
    reps: { type: 'string', default: '1' },
    seed: { type: 'string', default: '7' },
  },
});

interface Measured {
  readonly wall: number;
  readonly peakMb: number;
  readonly testRocAuc: number;
}

/** Runs a command under /usr/bin/time; its stdout's last JSON object and the time's wall/peak figures. */
function timed(command: string, args: readonly string[], env: Record<string, string> = {}) {
  const run = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', command, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...env },
  });
  const time = /TIME ([\d.]+) (\d+)/.exec(run.stderr);
  if (run.status !== 0 || !time) throw new Error(`${command} ${args.join(' ')} failed:\n${run.stderr}`);
  const json = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as Record<string, unknown>;
  return { wall: Number(time[1]), peakMb: Number(time[2]) / 1024, json };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const bin = buildCli();

const dir = await mkdtemp(join(tmpdir(), 'amlops-bench-train-command-'));
const results = [];
for (const rows of values.rows!.split(',').map(Number)) {
  const cases = generateCases({ rows, seed: Number(values.seed) });
  const split = stratifiedSplit(cases.label, 0.3, new Rng(42));
  const trainCsv = join(dir, `train-${rows}.csv`);
  const testCsv = join(dir, `test-${rows}.csv`);
  await writeTable(trainCsv, cases.frame.take(split.train));
  await writeTable(testCsv, cases.frame.take(split.test));
  const ours: Measured[] = [];
  const reference: Measured[] = [];
  for (let rep = 0; rep < Number(values.reps); rep++) {
    const runOurs = async () => {
      const home = join(dir, `home-${rows}-${rep}`);
      const r = timed(process.execPath, [
        bin,
        'train',
        '--data',
        trainCsv,
        '--test-data',
        testCsv,
        '--preset',
        'original',
        '--home',
        home,
        '--json',
      ]);
      await rm(home, { recursive: true, force: true });
      const metrics = r.json.metrics as Record<string, number>;
      ours.push({ wall: r.wall, peakMb: r.peakMb, testRocAuc: metrics.test_roc_auc! });
    };
    const runReference = () => {
      const r = timed(
        '/usr/bin/python3',
        [join(ANCHOR, 'train.py'), '--train', trainCsv, '--test', testCsv, '--preset', 'original'],
        { OMP_NUM_THREADS: String(availableParallelism()) },
      );
      reference.push({ wall: r.wall, peakMb: r.peakMb, testRocAuc: Number(r.json.test_roc_auc) });
    };
    if (rep % 2 === 0) {
      await runOurs();
      runReference();
    } else {
      runReference();
      await runOurs();
    }
    process.stderr.write(
      `${rows} rows, rep ${rep + 1}: amlops ${ours.at(-1)!.wall.toFixed(1)} s ${ours.at(-1)!.peakMb.toFixed(0)} MB; reference ${reference.at(-1)!.wall.toFixed(1)} s ${reference.at(-1)!.peakMb.toFixed(0)} MB\n`,
    );
  }
  const summary = (side: Measured[]) => ({
    wallSeconds: median(side.map((m) => m.wall)),
    peakMb: Math.round(median(side.map((m) => m.peakMb))),
    testRocAuc: Number(median(side.map((m) => m.testRocAuc)).toFixed(4)),
  });
  const result = { rows, reps: Number(values.reps), amlops: summary(ours), reference: summary(reference) };
  results.push(result);
  process.stdout.write(
    `${rows} rows: amlops train ${result.amlops.wallSeconds.toFixed(1)} s, ${result.amlops.peakMb} MB, test ROC AUC ${result.amlops.testRocAuc}; reference ${result.reference.wallSeconds.toFixed(1)} s, ${result.reference.peakMb} MB, ${result.reference.testRocAuc}; time ratio ${(result.amlops.wallSeconds / result.reference.wallSeconds).toFixed(3)}\n`,
  );
}
process.stdout.write(`BENCHJSON ${JSON.stringify({ cores: availableParallelism(), results })}\n`);
await rm(dir, { recursive: true, force: true });
