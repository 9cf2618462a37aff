/**
 * `npm run bench:quality [-- --rows 1000000 --reps 3 --keep --no-live --live-only]`: data quality and drift on
 * two generated files of `rows` cases (reference, and current drifted), amlops against the reference
 * side, pandas + SciPy computing Evidently's default statistics (bench/quality/reference_quality.py):
 * - in process: amlops' profile and drift of the two loaded tables (the original's columns), against
 *   pandas' compute time;
 * - whole command: `amlops report quality` (the built CLI, process start to exit, both files read),
 *   against pandas' read plus compute time;
 * - the live check over `rows` audited cases (the monitor flow's drift step, run by the built CLI),
 *   on SQLite and on PostgreSQL.
 * Sides alternate; medians. The working folder is removed afterwards unless `--keep` is given.
 */
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { readTable } from '../../src/adapters/data/read-table.js';
import { writeTable } from '../../src/adapters/data/write-table.js';
import { buildQualityReport } from '../../src/core/quality/build-quality-report.js';
import type { QualityTable } from '../../src/core/quality/quality-table.js';
import { qualityTableFromRaw } from '../../src/core/quality/quality-table-from-raw.js';
import { generateCases } from '../../src/core/synthetic/index.js';
import { startPostgresServer } from '../../test/setup/postgres-server.js';
import { freshPostgresDatabase } from '../../test/stores/fresh-postgres-database.js';
import { buildCli } from '../support/build-cli.js';
import { inScratchDir } from '../support/scratch-dir.js';
import { liveCheckSetup } from './live-check.js';

const flag = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const rows = flag('rows', 1_000_000);
const reps = flag('reps', 3);
const live = !process.argv.includes('--no-live');
const filesToo = !process.argv.includes('--live-only');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ORIGINAL = ['total_income_dollar_amount', 'total_outcome_dollar_amount', 'risk_pld', 'conclusion'];
const schema = { numeric: ORIGINAL.slice(0, 2), categorical: ['risk_pld'], target: 'conclusion' };
const target = { column: 'conclusion', negativeValue: 'CLOSED_NO_ROI' };

await inScratchDir('amlops-bench-quality-', async (dir) => {
  const reference = join(dir, 'reference.csv');
  const current = join(dir, 'current.csv');
  await writeTable(reference, generateCases({ rows, seed: 7 }).frame);
  await writeTable(current, generateCases({ rows, seed: 8, drift: 1 }).frame);
  const bin = buildCli();
  const original = async (file: string): Promise<QualityTable> => {
    const { table } = qualityTableFromRaw(file, await readTable(file), schema);
    return { ...table, columns: table.columns.filter((c) => ORIGINAL.includes(c.name)) };
  };
  const tables = [await original(reference), await original(current)] as const;

  const runReference = () => {
    const started = performance.now();
    const run = spawnSync(
      '/usr/bin/python3',
      [resolve(import.meta.dirname, 'reference_quality.py'), reference, current],
      {
        encoding: 'utf8',
        env: { ...process.env, OMP_NUM_THREADS: '1' },
      },
    );
    if (run.status !== 0) throw new Error(run.stderr);
    const out = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { read_s: number; compute_s: number };
    return { ...out, wall: (performance.now() - started) / 1000 };
  };
  const runCommand = () => {
    const started = performance.now();
    const run = spawnSync(
      process.execPath,
      [
        bin,
        'report',
        'quality',
        '--home',
        join(dir, 'home'),
        '--reference',
        reference,
        '--current',
        current,
        '--json',
      ],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      },
    );
    if (run.status !== 0) throw new Error(run.stderr);
    return (performance.now() - started) / 1000;
  };
  const runInProcess = () => {
    const started = performance.now();
    buildQualityReport(tables[0], tables[1], { target });
    return (performance.now() - started) / 1000;
  };
  runInProcess();
  const results = {
    reference: [] as ReturnType<typeof runReference>[],
    command: [] as number[],
    inProcess: [] as number[],
  };
  for (let rep = 0; filesToo && rep < reps; rep++) {
    const ours = () => {
      results.inProcess.push(runInProcess());
      results.command.push(runCommand());
    };
    if (rep % 2 === 0) {
      ours();
      results.reference.push(runReference());
    } else {
      results.reference.push(runReference());
      ours();
    }
    const r = results.reference.at(-1)!;
    process.stderr.write(
      `rep ${rep + 1}: amlops in process ${results.inProcess.at(-1)!.toFixed(2)} s, whole command ${results.command.at(-1)!.toFixed(2)} s; pandas read ${r.read_s.toFixed(2)} s + compute ${r.compute_s.toFixed(2)} s\n`,
    );
  }
  const liveSeconds: Record<string, { seconds: number; rows: number; drifted: number }[]> = {};
  if (live) {
    const sqlite = await liveCheckSetup(join(dir, 'live-sqlite'), rows);
    const postgres = await startPostgresServer();
    try {
      const pg = await liveCheckSetup(
        join(dir, 'live-postgres'),
        rows,
        await freshPostgresDatabase(postgres.url),
      );
      for (const [name, side] of [
        ['sqlite', sqlite],
        ['postgres', pg],
      ] as const) {
        liveSeconds[name] = [];
        for (let rep = 0; rep < reps; rep++) liveSeconds[name].push(side.check(bin));
        process.stderr.write(
          `live check on ${name}: ${liveSeconds[name].map((r) => r.seconds.toFixed(2)).join(', ')} s over ${liveSeconds[name][0]!.rows} cases\n`,
        );
      }
    } finally {
      await postgres.stop();
    }
  }
  if (!filesToo) return;
  const pandasRead = median(results.reference.map((r) => r.read_s));
  const pandasCompute = median(results.reference.map((r) => r.compute_s));
  const summary = {
    rows,
    reps,
    cores: cpus().length,
    amlops: {
      inProcessSeconds: median(results.inProcess),
      wholeCommandSeconds: median(results.command),
      ...(live
        ? {
            liveCheckSqliteSeconds: median(liveSeconds.sqlite!.map((r) => r.seconds)),
            liveCheckPostgresSeconds: median(liveSeconds.postgres!.map((r) => r.seconds)),
          }
        : {}),
    },
    reference: {
      readSeconds: pandasRead,
      computeSeconds: pandasCompute,
      wholeProcessSeconds: median(results.reference.map((r) => r.wall)),
    },
    ratios: {
      inProcessVsCompute: median(results.inProcess) / pandasCompute,
      wholeCommandVsReadPlusCompute: median(results.command) / (pandasRead + pandasCompute),
    },
  };
  process.stdout.write(
    `quality report plus drift, ${rows} x ${ORIGINAL.length} columns against ${rows} (in process): ${summary.amlops.inProcessSeconds.toFixed(2)} s; pandas + SciPy compute ${pandasCompute.toFixed(2)} s (${summary.ratios.inProcessVsCompute.toFixed(3)}x)\n` +
      `amlops report quality, whole command on two CSV files: ${summary.amlops.wholeCommandSeconds.toFixed(2)} s; pandas read + compute ${(pandasRead + pandasCompute).toFixed(2)} s (${summary.ratios.wholeCommandVsReadPlusCompute.toFixed(3)}x)\n` +
      (live
        ? `live check over ${rows} audited cases: SQLite ${summary.amlops.liveCheckSqliteSeconds!.toFixed(2)} s, PostgreSQL ${summary.amlops.liveCheckPostgresSeconds!.toFixed(2)} s\n`
        : '') +
      `BENCHJSON ${JSON.stringify(summary)}\n`,
  );
});
