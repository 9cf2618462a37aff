/**
 * `npm run bench:train:small [-- --datasets 10 --rows 3000]`: the `default` preset against
 * `original` on small, hard data (issue 18, item 4), through the built CLI a user runs. Each
 * dataset: generated cases, 2.5% of the negatives relabelled positive at random (label noise, so
 * that about 170 of 3,000 rows are positive and the best ROC AUC is near 0.7) and eight numeric
 * columns of pure noise (as a bank's export brings columns that carry nothing); split 70/30
 * stratified, the same split for both presets (`--test-data`); each preset's version scores the
 * test file, and DeLong's paired test says whether `default` is measurably worse (its AUC's
 * difference's 95% interval entirely below 0). Target: never measurably worse.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeTable } from '../../src/adapters/data/write-table.js';
import { stratifiedSplit } from '../../src/core/dataset/stratified-split.js';
import { rocAucDifference } from '../../src/core/evaluate/roc-auc-difference.js';
import { Rng } from '../../src/core/random/rng.js';
import { generateCases } from '../../src/core/synthetic/index.js';
import { buildCli } from '../support/build-cli.js';
import { inScratchDir } from '../support/scratch-dir.js';

const { values } = parseArgs({
  options: {
    datasets: { type: 'string', default: '10' },
    rows: { type: 'string', default: '3000' },
  },
});
const datasets = Number(values.datasets);
const rows = Number(values.rows);
const NOISE_COLUMNS = Array.from({ length: 8 }, (_, k) => `noise_${k + 1}`);

await inScratchDir('amlops-bench-small-data-', async (dir) => {
  const bin = buildCli();
  const env = {
    ...process.env,
    AMLOPS_LOG_LEVEL: 'silent',
    AMLOPS_DATA_NUMERIC_COLUMNS: [
      'total_income_dollar_amount',
      'total_outcome_dollar_amount',
      ...NOISE_COLUMNS,
    ].join(','),
  };
  const cli = (args: string[]) => {
    const run = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env });
    if (run.status !== 0) throw new Error(`amlops ${args.join(' ')}: ${run.stderr}`);
    return run.stdout;
  };
  const results = [];
  for (let seed = 1; seed <= datasets; seed++) {
    const { labels, train } = await hardSmallData(dir, seed);
    const row: Record<string, unknown> = {
      seed,
      trainRows: train,
      positives: labels.reduce((a, b) => a + b, 0),
    };
    const scores: Record<string, Float64Array> = {};
    for (const preset of ['default', 'original']) {
      const home = join(dir, `home-${seed}-${preset}`);
      const trained = JSON.parse(
        cli([
          'train',
          '--data',
          'train.csv',
          '--test-data',
          'test.csv',
          '--preset',
          preset,
          '--home',
          home,
          '--promote',
          '--json',
        ]),
      );
      row[`${preset}TestAuc`] = trained.metrics.test_roc_auc;
      row[`${preset}TrainAuc`] = trained.metrics.train_roc_auc;
      cli(['score', '--input', 'test.csv', '--output', `scored-${preset}.csv`, '--home', home]);
      scores[preset] = predictions(join(dir, `scored-${preset}.csv`));
    }
    const paired = rocAucDifference(labels, scores.default!, scores.original!)!;
    Object.assign(row, {
      difference: paired.difference,
      lower: paired.lower,
      upper: paired.upper,
      pValue: paired.pValue,
      measurablyWorse: paired.upper < 0,
    });
    results.push(row);
    process.stderr.write(`${JSON.stringify(row)}\n`);
  }
  const differences = results.map((r) => r.difference as number).sort((a, b) => a - b);
  const summary = {
    datasets,
    rows,
    cores: availableParallelism(),
    medianDifference: differences[Math.floor(differences.length / 2)],
    worstDifference: differences[0],
    defaultBetter: results.filter((r) => (r.difference as number) > 0).length,
    measurablyWorse: results.filter((r) => r.measurablyWorse).length,
    measurablyBetter: results.filter((r) => (r.lower as number) > 0).length,
  };
  process.stdout.write(
    `default vs original on ${datasets} small hard datasets (${rows} rows): default better on ${summary.defaultBetter}, median test ROC AUC difference ${summary.medianDifference!.toFixed(3)}, worst ${summary.worstDifference!.toFixed(3)}; measurably worse (DeLong 95%) on ${summary.measurablyWorse}, measurably better on ${summary.measurablyBetter}; ${summary.cores} cores\n` +
      `BENCHJSON ${JSON.stringify(summary)}\n`,
  );
});

/** Writes train.csv and test.csv of one hard small dataset; returns the test file's labels. */
async function hardSmallData(dir: string, seed: number) {
  const cases = generateCases({ rows, seed });
  await writeTable(join(dir, 'all.csv'), cases.frame);
  const rng = new Rng(1000 + seed);
  const [header, ...lines] = readFileSync(join(dir, 'all.csv'), 'utf8').trim().split('\n');
  const labels: number[] = [];
  const noisy = lines.map((line) => {
    const cells = line.split(',');
    if (cells.at(-1) === 'CLOSED_NO_ROI' && rng.next() < 0.025) cells[cells.length - 1] = 'CLOSED_WITH_ROI';
    labels.push(cells.at(-1) === 'CLOSED_NO_ROI' ? 0 : 1);
    const noise = NOISE_COLUMNS.map(() => Math.exp(5 + 2 * gaussian(rng)).toFixed(2));
    return [...cells, ...noise].join(',');
  });
  const split = stratifiedSplit(labels, 0.3, new Rng(seed));
  const head = [header, ...NOISE_COLUMNS].join(',');
  writeFileSync(join(dir, 'train.csv'), [head, ...Array.from(split.train, (i) => noisy[i])].join('\n'));
  writeFileSync(join(dir, 'test.csv'), [head, ...Array.from(split.test, (i) => noisy[i])].join('\n'));
  return {
    labels: Array.from(split.test, (i) => labels[i]!),
    train: split.train.length,
    test: split.test.length,
  };
}

function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** The `prediction` column of a scored CSV (whose input cells have no commas). */
function predictions(path: string): Float64Array {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const at = header!.split(',').indexOf('prediction');
  return Float64Array.from(lines, (line) => Number(line.split(',')[at]));
}
