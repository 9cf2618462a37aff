/**
 * `npm run bench:serve` (npx tsx bench/serve/run.ts [--rounds 3] [--seconds 10] [--rows 10000]):
 * amlops serve against the reference Flask + Gunicorn service (../shared/anchor, 2 workers,
 * OMP_NUM_THREADS=1), side by side in one run, on the same generated cases: wrk with the
 * reference's post.lua, sides alternated, medians. Scenarios: one case per request (16
 * connections) and 1000 cases per request (32 connections); amlops with auditing on (SQLite),
 * amlops with auditing off, for what the audit costs, and a bare Fastify server answering a
 * constant (bench/serve/bare-server.ts), the machine's floor that latency is judged against. Each side takes each scenario for 3 s before
 * the measured rounds (warm-up, not recorded), and each audited run starts once the audit records
 * of the previous one are written out. Also reports one amlops worker's resident memory under load,
 * and the cases the audited server answered (its own count, `amlops_predictions_total`) against the
 * cases its audit log holds once it has stopped: they must be equal. The amlops
 * side is `amlops serve --workers 2` built into dist/ (compiled first) under plain node, as an
 * installed amlops runs. The working folder is removed afterwards unless `--keep` is given.
 */
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { writeTable } from '../../src/adapters/data/write-table.js';
import { generateCases } from '../../src/core/synthetic/generate-cases.js';
import { buildCli } from '../support/build-cli.js';
import { ONE_CASE, publishOriginalModel } from '../support/publish-original-model.js';
import { inScratchDir } from '../support/scratch-dir.js';
import { thousandCases } from '../support/thousand-cases.js';
import { runWrk, type WrkResult } from './run-wrk.js';
import { type ServerSide, startSide, waitForAuditToDrain, waitUntilServing } from './serve-sides.js';

const ANCHOR = resolve(import.meta.dirname, '../../../shared/anchor');

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

async function prepare(dir: string, rows: number) {
  const cases = generateCases({ rows, seed: 1 });
  const csv = join(dir, 'cases.csv');
  await writeTable(csv, cases.frame);
  const ref = spawnSync(
    '/usr/bin/python3',
    [join(ANCHOR, 'train.py'), '--data', csv, '--preset', 'original', '--save', join(dir, 'ref.pkl')],
    {
      encoding: 'utf8',
    },
  );
  if (ref.status !== 0) throw new Error(`reference training failed: ${ref.stderr}`);
  // The largest model of the original's grid (10 trees of depth 5), missing amounts filled with 0 as the original.
  const one = ONE_CASE;
  const home = join(dir, 'home');
  await publishOriginalModel(cases.frame, cases.label, home, one);
  await writeFile(join(dir, 'one.json'), JSON.stringify(one));
  await writeFile(join(dir, 'thousand.json'), JSON.stringify(thousandCases(cases.frame)));
  return { home, refModel: join(dir, 'ref.pkl') };
}

/** Cases the server says it answered: the sum of `amlops_predictions_total` over model versions. */
async function answeredCases(metricsUrl: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  let sum = 0;
  for (const match of text.matchAll(/^amlops_predictions_total\{[^}]*\} (\d+)$/gm)) sum += Number(match[1]);
  return sum;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(dir: string): Promise<void> {
  const rounds = flag('rounds', 3);
  const seconds = flag('seconds', 10);
  const { home, refModel } = await prepare(dir, flag('rows', 10_000));
  const ours = startSide(
    'amlops',
    'http://127.0.0.1:18080/predict',
    process.execPath,
    [buildCli(), 'serve', '--port', '18080', '--workers', '2'],
    { AMLOPS_HOME: home, AMLOPS_LOG_LEVEL: 'warn' },
  );
  const unaudited = startSide(
    'amlops-no-audit',
    'http://127.0.0.1:18081/predict',
    process.execPath,
    [buildCli(), 'serve', '--port', '18081', '--workers', '2'],
    { AMLOPS_HOME: home, AMLOPS_LOG_LEVEL: 'warn', AMLOPS_AUDIT_ENABLED: 'false' },
  );
  const bare = startSide(
    'bare',
    'http://127.0.0.1:18082/predict',
    process.execPath,
    ['--import', 'tsx', resolve(import.meta.dirname, 'bare-server.ts')],
    { PORT: '18082', WORKERS: '2' },
  );
  const ref = startSide('reference', 'http://127.0.0.1:19696/predict', join(ANCHOR, 'serve.sh'), [], {
    MODEL_PATH: refModel,
    PORT: '19696',
    OMP_NUM_THREADS: '1',
  });
  const sides: ServerSide[] = [ours, unaudited, bare, ref];
  const results: Record<string, Record<string, WrkResult[]>> = {
    one: { amlops: [], 'amlops-no-audit': [], bare: [], reference: [] },
    thousand: { amlops: [], 'amlops-no-audit': [], bare: [], reference: [] },
  };
  const memory: number[] = [];
  let answered = 0;
  try {
    const oneBody = JSON.stringify({
      total_outcome_dollar_amount: [1],
      total_income_dollar_amount: [1],
      risk_pld: ['LOW'],
    });
    await Promise.all(sides.map((s) => waitUntilServing(s.url, oneBody)));
    const scenarios = [
      { key: 'one', file: join(dir, 'one.json'), connections: 16 },
      { key: 'thousand', file: join(dir, 'thousand.json'), connections: 32 },
    ] as const;
    // Warm-up, not recorded: both sides take each scenario for 3 s first (amlops' JIT compiles the
    // request path; the reference's workers load their code paths too).
    for (const scenario of scenarios)
      for (const side of sides) {
        await runWrk(side.url, scenario.file, join(ANCHOR, 'post.lua'), {
          connections: scenario.connections,
          seconds: 3,
        });
      }
    for (let round = 0; round < rounds; round++)
      for (const scenario of scenarios) {
        const order = round % 2 === 0 ? sides : [...sides].reverse();
        for (const side of order) {
          const sample = side === ours ? () => memory.push(...side.workerRssMb()) : undefined;
          // Each run starts from a quiet server: the audit records of the previous run written out.
          if (side === ours) await waitForAuditToDrain('http://127.0.0.1:18080/metrics');
          const r = await runWrk(
            side.url,
            scenario.file,
            join(ANCHOR, 'post.lua'),
            { connections: scenario.connections, seconds },
            sample,
          );
          results[scenario.key]![side.name]!.push(r);
          process.stderr.write(
            `round ${round + 1} ${scenario.key} ${side.name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50_ms.toFixed(2)} ms, p99 ${r.p99_ms.toFixed(2)} ms, non-2xx ${r.err_status}\n`,
          );
        }
      }
    answered = await answeredCases('http://127.0.0.1:18080/metrics');
  } finally {
    await Promise.all(sides.map((s) => s.stop()));
  }
  const db = new BetterSqlite3(join(home, 'amlops.db'), { readonly: true });
  const audited = (db.prepare('select coalesce(sum(cases), 0) as n from audit_parts').get() as { n: number })
    .n;
  // How the one-case requests landed: rows of several (a spool record's of one millisecond) or one each.
  const oneCaseRows = db
    .prepare(
      'select count(*) as rows, coalesce(sum(cases), 0) as cases from audit_parts where requests is not null or (cases = 1 and first_row = 0)',
    )
    .get() as { rows: number; cases: number };
  db.close();
  const summary = (key: 'one' | 'thousand', side: string, cases: number) => {
    const runs = results[key]![side]!;
    return {
      rps: Math.round(median(runs.map((r) => r.rps))),
      casesPerSecond: Math.round(median(runs.map((r) => r.rps)) * cases),
      p50_ms: median(runs.map((r) => r.p50_ms)),
      p99_ms: median(runs.map((r) => r.p99_ms)),
      errors: runs.reduce((s, r) => s + r.err_status + r.err_connect + r.err_read + r.err_timeout, 0),
    };
  };
  const sideSummaries = (key: 'one' | 'thousand', cases: number) => ({
    amlops: summary(key, 'amlops', cases),
    amlopsNoAudit: summary(key, 'amlops-no-audit', cases),
    bare: summary(key, 'bare', cases),
    reference: summary(key, 'reference', cases),
  });
  const report = {
    rounds,
    seconds,
    one: sideSummaries('one', 1),
    thousand: sideSummaries('thousand', 1000),
    amlopsWorkerRssMb: { median: Math.round(median(memory)), max: Math.round(Math.max(...memory)) },
    audit: { answered, recorded: audited, refused503: refusedRequests(results), oneCaseRows },
  };
  const ratio = (a: number, b: number) => (a / b).toFixed(1);
  const pct = (on: number, off: number) => `${(100 * (1 - on / off)).toFixed(1)}%`;
  process.stdout.write(
    [
      `one case per request:  amlops ${report.one.amlops.rps} req/s (p99 ${report.one.amlops.p99_ms.toFixed(2)} ms)  reference ${report.one.reference.rps} req/s (p99 ${report.one.reference.p99_ms.toFixed(2)} ms)  x${ratio(report.one.amlops.rps, report.one.reference.rps)}`,
      `1000 cases per request: amlops ${report.thousand.amlops.casesPerSecond} cases/s (p50 ${report.thousand.amlops.p50_ms.toFixed(1)} ms)  reference ${report.thousand.reference.casesPerSecond} cases/s (p50 ${report.thousand.reference.p50_ms.toFixed(1)} ms)  x${ratio(report.thousand.amlops.casesPerSecond, report.thousand.reference.casesPerSecond)}`,
      `amlops worker RSS under load: median ${report.amlopsWorkerRssMb.median} MB, max ${report.amlopsWorkerRssMb.max} MB`,
      `the machine's floor (a bare Fastify server, 2 processes, constant answer): one case ${report.one.bare.rps} req/s, p99 ${report.one.bare.p99_ms.toFixed(2)} ms; amlops' p99 is ${(report.one.amlops.p99_ms / report.one.bare.p99_ms).toFixed(2)}x it`,
      `auditing off: one case ${report.one.amlopsNoAudit.rps} req/s (p99 ${report.one.amlopsNoAudit.p99_ms.toFixed(2)} ms), 1000 cases ${report.thousand.amlopsNoAudit.casesPerSecond} cases/s; auditing on costs ${pct(report.one.amlops.rps, report.one.amlopsNoAudit.rps)} and ${pct(report.thousand.amlops.casesPerSecond, report.thousand.amlopsNoAudit.casesPerSecond)}`,
      `audit: the server answered ${report.audit.answered} cases, its audit log holds ${report.audit.recorded}: ${report.audit.answered === report.audit.recorded ? 'equal' : 'NOT EQUAL'}; ${report.audit.refused503} requests refused (503 while the store caught up)`,
      `audit rows of one-case requests: ${oneCaseRows.cases} cases in ${oneCaseRows.rows} rows (${(oneCaseRows.cases / Math.max(1, oneCaseRows.rows)).toFixed(1)} per row)`,
      `BENCHJSON ${JSON.stringify(report)}`,
      '',
    ].join('\n'),
  );
}

/** Requests the audited side answered with a non-2xx status in the measured runs (503 when the audit backlog was full). */
function refusedRequests(results: Record<string, Record<string, WrkResult[]>>): number {
  return Object.values(results).reduce(
    (sum, bySide) => sum + (bySide.amlops ?? []).reduce((s, r) => s + r.err_status, 0),
    0,
  );
}

await inScratchDir('amlops-bench-serve-', main);
