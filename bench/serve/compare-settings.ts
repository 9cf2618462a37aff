/**
 * `npm run bench:serve:settings -- --a NAME=VALUE[,NAME=VALUE…] --b NAME=VALUE[,…] [--rounds 5]
 * [--seconds 10] [--load one,thousand] [--keep]`: two `amlops serve --workers 2` side by side on
 * one machine, each with its own environment settings (e.g. `--a AMLOPS_AUDIT_ENABLED=false --b
 * AMLOPS_AUDIT_ENABLED=true`; `NODE_FLAGS=--flag --other` is given to that side's node command and
 * so to its workers, for V8 flags NODE_OPTIONS refuses), the same published model and store; wrk posts each scenario of
 * `--load` in turn (`one`: one case per request at 16 connections, the default; `thousand`: 1000
 * cases per request at 32 connections) to each side in turn (order alternated by round, 3 s of
 * warm-up each first), and the medians are compared, with the largest worker memory seen. The
 * latency of one setting is judged against another's in the same run, as the noise of a shared
 * machine moves both alike.
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { generateCases } from '../../src/core/synthetic/generate-cases.js';
import { buildCli } from '../support/build-cli.js';
import { ONE_CASE, publishOriginalModel } from '../support/publish-original-model.js';
import { inScratchDir } from '../support/scratch-dir.js';
import { thousandCases } from '../support/thousand-cases.js';
import { runWrk, type WrkResult } from './run-wrk.js';
import { type ServerSide, startSide, waitUntilServing } from './serve-sides.js';

const POST_LUA = resolve(import.meta.dirname, '../../../shared/anchor/post.lua');

function option(name: string, fallback?: string): string {
  const at = process.argv.indexOf(`--${name}`);
  const value = at > 0 ? process.argv[at + 1] : fallback;
  if (value === undefined) throw new Error(`--${name} is required (NAME=VALUE[,NAME=VALUE…])`);
  return value;
}

function settings(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split(',')
      .filter(Boolean)
      .map((pair) => {
        const at = pair.indexOf('=');
        if (at < 1) throw new Error(`${pair} is not NAME=VALUE`);
        return [pair.slice(0, at), pair.slice(at + 1)];
      }),
  );
}

/** `NODE_FLAGS=--a --b` among the settings: flags of the side's node command (not all are allowed in NODE_OPTIONS). */
function nodeFlags(text: string): string[] {
  return (settings(text).NODE_FLAGS ?? '').split(' ').filter(Boolean);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The request bodies and load of each scenario `--load` can name. */
const SCENARIOS = {
  one: { file: 'one.json', connections: 16, cases: 1 },
  thousand: { file: 'thousand.json', connections: 32, cases: 1000 },
} as const;
type Scenario = keyof typeof SCENARIOS;

function scenarios(text: string): Scenario[] {
  const names = text.split(',').filter(Boolean);
  for (const name of names)
    if (!(name in SCENARIOS))
      throw new Error(`--load ${name}: expected one or more of ${Object.keys(SCENARIOS).join(', ')}`);
  return names as Scenario[];
}

async function main(dir: string): Promise<void> {
  const rounds = Number(option('rounds', '5'));
  const seconds = Number(option('seconds', '10'));
  const load = scenarios(option('load', 'one'));
  const given = { a: option('a'), b: option('b') };
  const cases = generateCases({ rows: 10_000, seed: 1 });
  const home = join(dir, 'home');
  await publishOriginalModel(cases.frame, cases.label, home, ONE_CASE);
  await writeFile(join(dir, SCENARIOS.one.file), JSON.stringify(ONE_CASE));
  await writeFile(join(dir, SCENARIOS.thousand.file), JSON.stringify(thousandCases(cases.frame)));
  const sides: ServerSide[] = (['a', 'b'] as const).map((name, i) =>
    startSide(
      name,
      `http://127.0.0.1:${18_181 + i}/predict`,
      process.execPath,
      [...nodeFlags(given[name]), buildCli(), 'serve', '--port', String(18_181 + i), '--workers', '2'],
      { AMLOPS_HOME: home, AMLOPS_LOG_LEVEL: 'warn', ...settings(given[name]) },
    ),
  );
  type Measured = WrkResult & { maxWorkerRssMb: number };
  const results = new Map<string, Measured[]>();
  const run = async (side: ServerSide, scenario: Scenario, seconds: number): Promise<Measured> => {
    let maxWorkerRssMb = 0;
    const { file, connections } = SCENARIOS[scenario];
    const r = await runWrk(side.url, join(dir, file), POST_LUA, { connections, seconds }, () => {
      maxWorkerRssMb = Math.max(maxWorkerRssMb, ...side.workerRssMb());
    });
    return { ...r, maxWorkerRssMb };
  };
  try {
    await Promise.all(sides.map((s) => waitUntilServing(s.url, JSON.stringify(ONE_CASE))));
    for (const scenario of load) for (const side of sides) await run(side, scenario, 3);
    for (let round = 0; round < rounds; round++)
      for (const side of round % 2 === 0 ? sides : [...sides].reverse())
        for (const scenario of load) {
          await new Promise((r) => setTimeout(r, 1000));
          const r = await run(side, scenario, seconds);
          const key = `${side.name} ${scenario}`;
          results.set(key, [...(results.get(key) ?? []), r]);
          process.stderr.write(
            `round ${round + 1} ${key}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50_ms.toFixed(2)} ms, p99 ${r.p99_ms.toFixed(2)} ms, worker RSS max ${r.maxWorkerRssMb.toFixed(0)} MB\n`,
          );
        }
  } finally {
    await Promise.all(sides.map((s) => s.stop()));
  }
  for (const name of ['a', 'b'] as const)
    for (const scenario of load) {
      const runs = results.get(`${name} ${scenario}`)!;
      const perSecond = median(runs.map((r) => r.rps)) * SCENARIOS[scenario].cases;
      process.stdout.write(
        `${name} (${given[name]}) ${scenario}: ${perSecond.toFixed(0)} cases/s, p99 median ${median(runs.map((r) => r.p99_ms)).toFixed(2)} ms (rounds: ${runs.map((r) => r.p99_ms.toFixed(2)).join(', ')}), worker RSS max ${Math.max(...runs.map((r) => r.maxWorkerRssMb)).toFixed(0)} MB (rounds: ${runs.map((r) => r.maxWorkerRssMb.toFixed(0)).join(', ')})\n`,
      );
    }
}

await inScratchDir('amlops-bench-settings-', main);
