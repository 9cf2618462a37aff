/**
 * `npm run bench:cases:predict` (npx tsx bench/cases/predict-with-cases.ts [--rounds 5] [--seconds 10]):
 * does opening cases slow scoring? Issue 17's target: one-case `/predict` throughput with cases on
 * stays within 10% of cases off. Three `amlops serve --workers 2` servers (built into dist/, plain
 * node, auditing on, SQLite) serve the same model from three homes: in one, the production version's
 * alert threshold is 0, so every scored case opens a case of its own (no subject: the heaviest
 * load the writer's case opening can get); in one, no score reaches the threshold and
 * `cases.sampleRate` 0.02 opens a case for 2% of the scored cases (a real alert rate's load); in the
 * last the version has no threshold, so none opens. wrk posts one case per request with the
 * reference's post.lua over 16 connections, the sides rotating round by round, each round starting
 * once the previous side's audit is written (its writer's backlog is not another side's load);
 * medians of requests/s and p99, and the cases opened, counted
 * in the store once the audit is written.
 */

import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { generateCases } from '../../src/core/synthetic/generate-cases.js';
import { ALERT_THRESHOLD_TAGS } from '../../src/services/recorded-alert-threshold.js';
import { runWrk, type WrkResult } from '../serve/run-wrk.js';
import { startSide, waitForAuditToDrain, waitUntilServing } from '../serve/serve-sides.js';
import { buildCli } from '../support/build-cli.js';
import { MODEL, ONE_CASE, publishOriginalModel } from '../support/publish-original-model.js';
import { inScratchDir } from '../support/scratch-dir.js';
import { median } from '../support/timed-node.js';

const ANCHOR = resolve(import.meta.dirname, '../../../shared/anchor');

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}
const ROUNDS = flag('rounds', 5);
const SECONDS = flag('seconds', 10);

/** Rows of the audit and case tables of the store at `home`. */
function counted(home: string): { audited: number; cases: number } {
  const db = new BetterSqlite3(join(home, 'amlops.db'), { readonly: true });
  try {
    const one = (sql: string) => Number((db.prepare(sql).get() as { n: number }).n);
    return {
      audited: one('select coalesce(sum(cases), 0) as n from audit_parts'),
      cases: one('select count(*) as n from alert_cases'),
    };
  } finally {
    db.close();
  }
}

/** The production version's (version 1) alert threshold: 0 opens a case for every scored case. */
function setThreshold(home: string, threshold: number): void {
  const db = new BetterSqlite3(join(home, 'amlops.db'));
  try {
    db.prepare('insert into model_version_tags (name, version, key, value) values (?, 1, ?, ?)').run(
      MODEL,
      ALERT_THRESHOLD_TAGS.value,
      String(threshold),
    );
  } finally {
    db.close();
  }
}

await inScratchDir('amlops-bench-cases-predict-', async (dir) => {
  const cases = generateCases({ rows: 10_000, seed: 1 });
  const homes = { on: join(dir, 'home-on'), some: join(dir, 'home-some'), off: join(dir, 'home-off') };
  for (const home of Object.values(homes))
    await publishOriginalModel(cases.frame, cases.label, home, ONE_CASE);
  setThreshold(homes.on, 0);
  // No score reaches 1: the 2% sample below the threshold is what opens cases, as alerts at a real rate would.
  setThreshold(homes.some, 1);
  const body = join(dir, 'one.json');
  await writeFile(body, JSON.stringify(ONE_CASE));
  const cli = buildCli();
  const configured: { name: string; home: string; port: number; env: Record<string, string> }[] = [
    { name: 'cases on, every case', home: homes.on, port: 18090, env: {} },
    {
      name: 'cases on, 2% of cases',
      home: homes.some,
      port: 18092,
      env: { AMLOPS_CASES_SAMPLE_RATE: '0.02' },
    },
    { name: 'cases off', home: homes.off, port: 18091, env: {} },
  ];
  const sides = configured.map((side) => ({
    ...side,
    server: startSide(
      side.name,
      `http://127.0.0.1:${side.port}/predict`,
      process.execPath,
      [cli, 'serve', '--port', String(side.port), '--workers', '2'],
      { AMLOPS_HOME: side.home, AMLOPS_LOG_LEVEL: 'warn', ...side.env },
    ),
    results: [] as WrkResult[],
  }));
  try {
    for (const side of sides) await waitUntilServing(side.server.url, JSON.stringify(ONE_CASE));
    const lua = join(ANCHOR, 'post.lua');
    // Warm-up, not recorded.
    for (const side of sides) {
      await runWrk(side.server.url, body, lua, { connections: 16, seconds: 3 });
      await waitForAuditToDrain(`http://127.0.0.1:${side.port}/metrics`);
    }
    for (let round = 0; round < ROUNDS; round++)
      for (const side of [...sides.slice(round % 3), ...sides.slice(0, round % 3)]) {
        const result = await runWrk(side.server.url, body, lua, { connections: 16, seconds: SECONDS });
        side.results.push(result);
        // The next round starts once this side's writer has caught up: its backlog is not another side's load.
        await waitForAuditToDrain(`http://127.0.0.1:${side.port}/metrics`);
        process.stderr.write(
          `round ${round + 1} ${side.name}: ${Math.round(result.rps)} req/s, p99 ${result.p99_ms.toFixed(2)} ms\n`,
        );
      }
  } finally {
    for (const side of sides) await side.server.stop();
  }
  const measured = sides.map((side) => ({
    ...side,
    rps: median(side.results.map((r) => r.rps)),
    p99: median(side.results.map((r) => r.p99_ms)),
    errors: side.results.reduce((n, r) => n + r.err_status + r.err_connect + r.err_read + r.err_timeout, 0),
    store: counted(side.home),
  }));
  const off = measured[2]!;
  const cores = (await import('node:os')).cpus().length;
  process.stdout.write(
    `\none case per request, 16 connections, ${ROUNDS} rounds of ${SECONDS} s, sides rotating, medians (this machine: ${cores} cores)\n` +
      `| side | requests/s | p99 ms | errors | cases audited | cases opened |\n| --- | --- | --- | --- | --- | --- |\n` +
      measured
        .map(
          (s) =>
            `| ${s.name} | ${Math.round(s.rps)} | ${s.p99.toFixed(2)} | ${s.errors} | ${s.store.audited} | ${s.store.cases} |`,
        )
        .join('\n') +
      `\n\n${measured
        .slice(0, 2)
        .map((s) => `${s.name} / cases off: ${(s.rps / off.rps).toFixed(3)} of the throughput`)
        .join('\n')}\n(target: at least 0.90)\n`,
  );
  if (measured[0]!.store.cases === 0 || measured[1]!.store.cases === 0)
    throw new Error('a cases-on side opened no case: the comparison measured nothing');
  if (off.store.cases !== 0) throw new Error('the cases-off side opened cases');
});
