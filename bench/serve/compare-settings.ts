/**
 * `npm run bench:serve:settings -- --a NAME=VALUE[,NAME=VALUE…] --b NAME=VALUE[,…] [--rounds 5]
 * [--seconds 10]`: two `amlops serve --workers 2` side by side on one machine, each with its own
 * environment settings (e.g. `--a AMLOPS_AUDIT_ENABLED=false --b AMLOPS_AUDIT_ENABLED=true`), the
 * same published model and store; wrk posts one case per request at 16 connections to each in
 * turn (order alternated by round, 3 s of warm-up each first), and the medians are compared. The
 * latency of one setting is judged against another's in the same run, as the noise of a shared
 * machine moves both alike.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateCases } from '../../src/core/synthetic/generate-cases.js';
import { buildCli } from '../support/build-cli.js';
import { ONE_CASE, publishOriginalModel } from '../support/publish-original-model.js';
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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const rounds = Number(option('rounds', '5'));
  const seconds = Number(option('seconds', '10'));
  const given = { a: option('a'), b: option('b') };
  const dir = await mkdtemp(join(tmpdir(), 'amlops-bench-settings-'));
  const cases = generateCases({ rows: 10_000, seed: 1 });
  const one = ONE_CASE;
  const home = join(dir, 'home');
  await publishOriginalModel(cases.frame, cases.label, home, one);
  const body = join(dir, 'one.json');
  await writeFile(body, JSON.stringify(one));
  const sides: ServerSide[] = (['a', 'b'] as const).map((name, i) =>
    startSide(
      name,
      `http://127.0.0.1:${18_181 + i}/predict`,
      process.execPath,
      [buildCli(), 'serve', '--port', String(18_181 + i), '--workers', '2'],
      { AMLOPS_HOME: home, AMLOPS_LOG_LEVEL: 'warn', ...settings(given[name]) },
    ),
  );
  const results: Record<string, WrkResult[]> = { a: [], b: [] };
  try {
    await Promise.all(sides.map((s) => waitUntilServing(s.url, JSON.stringify(one))));
    for (const side of sides) await runWrk(side.url, body, POST_LUA, { connections: 16, seconds: 3 });
    for (let round = 0; round < rounds; round++)
      for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
        await new Promise((r) => setTimeout(r, 1000));
        const r = await runWrk(side.url, body, POST_LUA, { connections: 16, seconds });
        results[side.name]!.push(r);
        process.stderr.write(
          `round ${round + 1} ${side.name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50_ms.toFixed(2)} ms, p99 ${r.p99_ms.toFixed(2)} ms\n`,
        );
      }
  } finally {
    await Promise.all(sides.map((s) => s.stop()));
  }
  for (const name of ['a', 'b'] as const) {
    const runs = results[name]!;
    process.stdout.write(
      `${name} (${given[name]}): ${median(runs.map((r) => r.rps)).toFixed(0)} req/s, p99 median ${median(runs.map((r) => r.p99_ms)).toFixed(2)} ms (rounds: ${runs.map((r) => r.p99_ms.toFixed(2)).join(', ')})\n`,
    );
  }
}

await main();
