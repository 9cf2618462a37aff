/**
 * `npm run bench:init [-- --rows 1000000 --reps 3]`: the whole `amlops init --yes` command (the
 * built CLI in its own process: start-up, reading the CSV, profiling its columns, proposing the
 * mapping, writing amlops.config.json) on generated cases, and Node starting and exiting alone for
 * scale; medians. Target (issue 18): under 2 s for 1M rows.
 */
import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { writeTable } from '../../src/adapters/data/write-table.js';
import { generateCases } from '../../src/core/synthetic/generate-cases.js';
import { buildCli } from '../support/build-cli.js';
import { inScratchDir } from '../support/scratch-dir.js';
import { median, timedNode } from '../support/timed-node.js';

const flag = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const rows = flag('rows', 1_000_000);
const reps = flag('reps', 3);
await inScratchDir('amlops-bench-init-', async (dir) => {
  await writeTable(join(dir, 'cases.csv'), generateCases({ rows, seed: 3 }).frame);
  const bin = buildCli();
  const timed = (args: string[]) => timedNode(args, dir);
  const init: number[] = [];
  const bare: number[] = [];
  let settings: unknown;
  for (let rep = 0; rep < reps; rep++) {
    rmSync(join(dir, 'amlops.config.json'), { force: true });
    const run = timed([bin, 'init', '--data', 'cases.csv', '--yes', '--json']);
    init.push(run.seconds);
    settings = JSON.parse(run.stdout).settings;
    bare.push(timed(['-e', '']).seconds);
    process.stderr.write(
      `rep ${rep + 1}: amlops init ${run.seconds.toFixed(2)} s; node alone ${bare.at(-1)!.toFixed(2)} s\n`,
    );
  }
  const summary = {
    rows,
    reps,
    cores: availableParallelism(),
    wholeCommandSeconds: median(init),
    nodeAloneSeconds: median(bare),
    settings,
  };
  process.stdout.write(
    `amlops init (whole command): ${summary.wholeCommandSeconds.toFixed(2)} s for ${rows} rows (target < 2 s); node starting alone ${summary.nodeAloneSeconds.toFixed(2)} s; ${summary.cores} cores\n` +
      `BENCHJSON ${JSON.stringify(summary)}\n`,
  );
});
