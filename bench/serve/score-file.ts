/**
 * `npm run bench:score [-- --rows 1000000 --reps 3]`: the whole `amlops score` command (the built
 * CLI in its own process: start-up, reading the CSV, scoring, writing the scored CSV) beside the
 * reference's batch `predict_proba` alone (../shared/anchor/batch.py, OMP_NUM_THREADS=1), on the
 * same generated cases with the original's largest model on each side; sides alternated, medians.
 * The working folder is removed afterwards unless `--keep` is given.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { writeTable } from '../../src/adapters/data/write-table.js';
import { generateCases } from '../../src/core/synthetic/generate-cases.js';
import { buildCli } from '../support/build-cli.js';
import { publishOriginalModel } from '../support/publish-original-model.js';
import { inScratchDir } from '../support/scratch-dir.js';

const ANCHOR = resolve(import.meta.dirname, '../../../shared/anchor');
const flag = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const rows = flag('rows', 1_000_000);
const reps = flag('reps', 3);
await inScratchDir('amlops-bench-score-', async (dir) => {
  const train = generateCases({ rows: 10_000, seed: 1 });
  await writeTable(join(dir, 'train.csv'), train.frame);
  const ref = spawnSync('/usr/bin/python3', [
    join(ANCHOR, 'train.py'),
    '--data',
    join(dir, 'train.csv'),
    '--preset',
    'original',
    '--save',
    join(dir, 'ref.pkl'),
  ]);
  if (ref.status !== 0) throw new Error(String(ref.stderr));
  const home = join(dir, 'home');
  await publishOriginalModel(train.frame, train.label, home);
  await writeTable(join(dir, 'cases.csv'), generateCases({ rows, seed: 2 }).frame);

  // The amlops side is the built CLI in a process of its own, start-up included, as a user runs it.
  const bin = buildCli();

  function runOurs(): { wall: number; seconds: number; scoringRowsPerSecond: number } {
    const started = performance.now();
    const run = spawnSync(
      process.execPath,
      [bin, 'score', '--input', 'cases.csv', '--output', 'scored.csv', '--home', home, '--json'],
      { cwd: dir, encoding: 'utf8' },
    );
    const wall = (performance.now() - started) / 1000;
    if (run.status !== 0) throw new Error(run.stderr);
    return { wall, ...JSON.parse(run.stdout) };
  }

  function runReference(): { wall: number; predict_s: number; load_s: number; rows_per_s: number } {
    const started = performance.now();
    const run = spawnSync(
      '/usr/bin/python3',
      [join(ANCHOR, 'batch.py'), join(dir, 'ref.pkl'), join(dir, 'cases.csv')],
      {
        cwd: ANCHOR,
        encoding: 'utf8',
        env: { ...process.env, OMP_NUM_THREADS: '1' },
      },
    );
    const wall = (performance.now() - started) / 1000;
    if (run.status !== 0) throw new Error(run.stderr);
    return { wall, ...JSON.parse(run.stdout.trim().split('\n').at(-1)!) };
  }

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const ours: ReturnType<typeof runOurs>[] = [];
  const reference: ReturnType<typeof runReference>[] = [];
  for (let rep = 0; rep < reps; rep++) {
    // Alternate which side goes first, so that a slow moment of a shared machine hits both.
    if (rep % 2 === 0) {
      ours.push(runOurs());
      reference.push(runReference());
    } else {
      reference.push(runReference());
      ours.push(runOurs());
    }
    process.stderr.write(
      `rep ${rep + 1}: amlops score ${ours.at(-1)!.wall.toFixed(2)} s; reference predict_proba ${reference.at(-1)!.predict_s.toFixed(2)} s\n`,
    );
  }
  const summary = {
    rows,
    reps,
    amlops: {
      wholeCommandSeconds: median(ours.map((o) => o.wall)),
      commandSecondsAfterStartUp: median(ours.map((o) => o.seconds)),
      scoringRowsPerSecond: median(ours.map((o) => o.scoringRowsPerSecond)),
    },
    reference: {
      predictProbaSeconds: median(reference.map((r) => r.predict_s)),
      readSeconds: median(reference.map((r) => r.load_s)),
      wholeProcessSeconds: median(reference.map((r) => r.wall)),
      rowsPerSecond: Math.round(median(reference.map((r) => r.rows_per_s))),
    },
  };
  process.stdout.write(
    `amlops score (whole command, process start to exit): ${summary.amlops.wholeCommandSeconds.toFixed(2)} s for ${rows} rows; scoring ${summary.amlops.scoringRowsPerSecond} rows/s\n` +
      `reference predict_proba alone: ${summary.reference.predictProbaSeconds.toFixed(2)} s (${summary.reference.rowsPerSecond} rows/s); its whole process ${summary.reference.wholeProcessSeconds.toFixed(2)} s\n` +
      `BENCHJSON ${JSON.stringify(summary)}\n`,
  );
});
