// `npm run bench:cases`: how long `amlops cases list` takes on a store holding 1M audited cases
// with 10k open cases (issue 17's target: under 200 ms), on SQLite and on PostgreSQL (a throwaway
// server on loopback). The store is filled by the product's own audit writer (which opens the cases
// at the version's alert threshold, in the transaction that appends the scored cases), then timed:
// the command's queries in this process (the queue by score and by age, the counts, the production
// version's threshold), and the whole command as a user runs it (`node bin/amlops.js cases list`,
// start-up included; `--no-cli` skips it, and the build it needs). Medians of `--reps` (default 20).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { openArtifactStore } from '../../src/adapters/artifacts/index.js';
import { openAuditStoreWriter } from '../../src/adapters/sql/audit-open-writer.js';
import { SqlCaseStore } from '../../src/adapters/sql/case-sql-store.js';
import { openSqlDatabase } from '../../src/adapters/sql/open-sql-database.js';
import { SqlModelRegistry } from '../../src/adapters/sql/sql-model-registry.js';
import type { AuditBatch } from '../../src/ports/audit-sink.js';
import { caseThresholdNotice } from '../../src/services/case-threshold-notice.js';
import { ALERT_THRESHOLD_TAGS } from '../../src/services/recorded-alert-threshold.js';
import { startPostgresServer } from '../../test/setup/postgres-server.js';
import { auditRecord } from '../audit/audit-records.js';
import { buildCli } from '../support/build-cli.js';
import { inScratchDir } from '../support/scratch-dir.js';
import { median } from '../support/timed-node.js';

const argValue = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const CASES = argValue('--cases', 1_000_000);
const REPS = argValue('--reps', 20);
const CLI = !process.argv.includes('--no-cli');
/** Another build's CLI (`--compare-bin PATH`, e.g. an older commit's bin/amlops.js) run alternately with this one. */
const COMPARE = process.argv.includes('--compare-bin')
  ? process.argv[process.argv.indexOf('--compare-bin') + 1]
  : undefined;
const MODEL = 'consumers-laundering-model';
/** Scores are (k mod 997) / 997: at or above 987/997, one case in about a hundred is alerted. */
const THRESHOLD = 987 / 997;

/** Cases `first…first + n - 1` as one request of a spool record: scores (k mod 997) / 997, subjects `user-(k mod 500000)`. */
function scoredRecord(first: number, n: number, time: number): AuditBatch {
  const batch = auditRecord(0, 1, n, time);
  return {
    ...batch,
    requestIds: [`0190f5c2-7d1e-7000-8000-${String(first).padStart(12, '0')}`],
    scores: Array.from({ length: n }, (_, i) => ((first + i) % 997) / 997),
    caseIds: batch.caseIds.map((_, i) => `user-${(first + i) % 500_000}`),
  };
}

/** Fills the store at `url` through the audit writer: CASES scored cases, about 1% of them alerted. */
async function fill(url: string, threshold = true): Promise<number> {
  const database = await openSqlDatabase(url);
  if (threshold)
    await database.db
      .insertInto('model_version_tags')
      .values({ name: MODEL, version: 3, key: ALERT_THRESHOLD_TAGS.value, value: String(THRESHOLD) })
      .execute();
  await database.close();
  const writer = await openAuditStoreWriter(url);
  const started = performance.now();
  const time = Date.now();
  const perRecord = 20_000;
  for (let first = 0; first < CASES; first += perRecord)
    await writer.append([scoredRecord(first, Math.min(perRecord, CASES - first), time)], {
      source: 'bench',
      position: first,
    });
  await writer.close();
  return (performance.now() - started) / 1000;
}

/** Milliseconds of `work`, median of REPS after two warm-up runs. */
async function timed(work: () => Promise<unknown>): Promise<number> {
  await work();
  await work();
  const ms: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const started = performance.now();
    await work();
    ms.push(performance.now() - started);
  }
  return median(ms);
}

/** What `amlops cases list` reads, in this process, and the whole command. */
async function measure(url: string, scratch: string, cli: string | undefined) {
  const database = await openSqlDatabase(url);
  const cases = await SqlCaseStore.open(database);
  const registry = await SqlModelRegistry.open(database, {
    artifactRoot: `file://${join(scratch, 'artifacts')}`,
    openArtifacts: (uri) => openArtifactStore(uri),
  });
  await database.close();
  try {
    const counts = await cases.activeCounts();
    const command = () =>
      Promise.all([
        cases.list({ maxResults: 50 }),
        cases.activeCounts(),
        caseThresholdNotice(registry, MODEL),
      ]);
    const byScore = await timed(command);
    const byAge = await timed(() => cases.list({ maxResults: 50, sort: 'age' }));
    const openOnly = await timed(() => cases.list({ maxResults: 50, states: ['open'] }));
    const thousand = await timed(() => cases.list({ maxResults: 1000 }));
    let whole: number | undefined;
    let compared: number | undefined;
    if (cli) {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        AMLOPS_HOME: join(scratch, 'home'),
        AMLOPS_LOG_LEVEL: 'silent',
        DATABASE_URL: url.startsWith('postgres') ? url : '',
      };
      /** Milliseconds of one run of `bin cases list` as a user starts it. */
      const run = (bin: string) => {
        const started = performance.now();
        const ran = spawnSync(process.execPath, [bin, 'cases', 'list'], {
          cwd: scratch,
          env,
          encoding: 'utf8',
        });
        if (ran.status !== 0) throw new Error(ran.stderr);
        return performance.now() - started;
      };
      const ms: number[] = [];
      const other: number[] = [];
      // The first run of each warms the file cache and is not counted; the two builds alternate.
      for (let i = 0; i < Math.min(REPS, 10) + 1; i++) {
        const mine = run(cli);
        const theirs = COMPARE ? run(COMPARE) : undefined;
        if (i === 0) continue;
        ms.push(mine);
        if (theirs !== undefined) other.push(theirs);
      }
      whole = median(ms);
      if (COMPARE) compared = median(other);
    }
    return { counts, byScore, byAge, openOnly, thousand, whole, compared };
  } finally {
    await registry.close();
    await cases.close();
  }
}

await inScratchDir('amlops-bench-cases-', async (scratch) => {
  mkdirSync(join(scratch, 'home'), { recursive: true });
  const cli = CLI ? buildCli() : undefined;
  const version = cli
    ? spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' }).stdout.trim()
    : undefined;
  const postgres = await startPostgresServer();
  try {
    const rows: string[] = [];
    const compareLines: string[] = [];
    for (const store of ['sqlite', 'postgres'] as const) {
      const url =
        store === 'sqlite'
          ? `sqlite:${join(scratch, 'home', 'amlops.db')}`
          : await freshDatabase(postgres.url);
      // The writer's cost of opening cases: the same cases into a store whose version has no threshold.
      const without = await fill(
        store === 'sqlite'
          ? `sqlite:${join(scratch, 'no-cases.db')}`
          : await freshDatabase(postgres.url, 'no_cases'),
        false,
      );
      const filled = await fill(url);
      const r = await measure(url, scratch, cli);
      process.stderr.write(
        `${store}: filled in ${filled.toFixed(1)} s (${without.toFixed(1)} s opening no case), ${JSON.stringify(r)}\n`,
      );
      if (r.counts.open < 0.009 * CASES || r.counts.open > 0.011 * CASES)
        throw new Error(`${store}: ${r.counts.open} open cases`);
      const f = (ms: number | undefined) => (ms === undefined ? '–' : `${ms.toFixed(1)} ms`);
      if (COMPARE)
        compareLines.push(
          `${store}: whole command ${f(r.whole)} (this build) against ${f(r.compared)} (${COMPARE}), run alternately`,
        );
      rows.push(
        `| ${store === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${r.counts.open.toLocaleString('en')} | ${f(r.byScore)} | ${f(r.byAge)} | ${f(r.openOnly)} | ${f(r.thousand)} | ${f(r.whole)} | ${Math.round(CASES / filled).toLocaleString('en')} (${Math.round(CASES / without).toLocaleString('en')} opening none) |`,
      );
    }
    process.stdout.write(
      `\namlops cases list on ${CASES.toLocaleString('en')} audited cases, medians of ${REPS} (${cpus().length} cores${version ? `, amlops ${version}` : ''})\n`,
    );
    process.stdout.write(
      '| store | open cases | queue by score, 50 + counts + threshold | by age, 50 | open only, 50 | by score, 1000 | whole command (node bin/amlops.js cases list) | audit writer, cases/s |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n',
    );
    process.stdout.write(`${rows.join('\n')}\n`);
    if (COMPARE) process.stdout.write(`${compareLines.join('\n')}\n`);
  } finally {
    await postgres.stop();
  }
});

async function freshDatabase(adminUrl: string, name = 'cases_bench'): Promise<string> {
  const pg = await import('pg');
  const client = new pg.default.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
