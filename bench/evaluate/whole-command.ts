/**
 * `npm run bench:evaluate [-- --rows 1000000 --reps 3]`: the whole `amlops evaluate` command (the
 * built CLI in its own process: start-up, reading the labelled CSV, scoring, the evaluation report,
 * recording the run) on generated cases with the original's largest model in production, and
 * Node starting and exiting alone for scale; medians. Target (issue 18): under 3 s for 1M rows.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { writeTable } from '../../src/adapters/data/write-table.js';
import { generateCases } from '../../src/core/synthetic/generate-cases.js';
import { buildCli } from '../support/build-cli.js';
import { publishOriginalModel } from '../support/publish-original-model.js';
import { inScratchDir } from '../support/scratch-dir.js';
import { median, timedNode } from '../support/timed-node.js';

const flag = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const rows = flag('rows', 1_000_000);
const reps = flag('reps', 3);
await inScratchDir('amlops-bench-evaluate-', async (dir) => {
  const train = generateCases({ rows: 10_000, seed: 1 });
  const home = join(dir, 'home');
  await publishOriginalModel(train.frame, train.label, home);
  await writeTable(join(dir, 'labelled.csv'), generateCases({ rows, seed: 2 }).frame);
  const bin = buildCli();
  const timed = (args: string[]) => timedNode(args, dir);
  const evaluate: number[] = [];
  const bare: number[] = [];
  let rocAuc = Number.NaN;
  for (let rep = 0; rep < reps; rep++) {
    const run = timed([bin, 'evaluate', '--data', 'labelled.csv', '--home', home, '--json']);
    evaluate.push(run.seconds);
    rocAuc = JSON.parse(run.stdout).evaluation.rocAuc;
    bare.push(timed(['-e', '']).seconds);
    process.stderr.write(
      `rep ${rep + 1}: amlops evaluate ${run.seconds.toFixed(2)} s; node alone ${bare.at(-1)!.toFixed(2)} s\n`,
    );
  }
  const summary = {
    rows,
    reps,
    cores: availableParallelism(),
    wholeCommandSeconds: median(evaluate),
    nodeAloneSeconds: median(bare),
    rocAuc,
  };
  process.stdout.write(
    `amlops evaluate (whole command): ${summary.wholeCommandSeconds.toFixed(2)} s for ${rows} labelled rows (target < 3 s); node starting alone ${summary.nodeAloneSeconds.toFixed(2)} s; ${summary.cores} cores\n` +
      `BENCHJSON ${JSON.stringify(summary)}\n`,
  );
});
