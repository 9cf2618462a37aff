// `npm run bench:audit`: how many scored cases a second the audit writer moves from the spool into
// the store, on one core (the writer thread `amlops serve` runs; the database server has the other), into SQLite and into
// PostgreSQL (a throwaway server on loopback), for the two shapes of traffic: 1000 cases per
// request, and one case per request (several requests per spool record and per millisecond, as a
// serving process appends them under bench:serve's load). Sides alternate; medians of `--reps` (default 3).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openAuditSpoolSink } from '../../src/adapters/spool/audit-spool-sink.js';
import { openAuditSpoolWriter } from '../../src/adapters/threads/audit-spool-writer.js';
import { startPostgresServer } from '../../test/setup/postgres-server.js';
import { inScratchDir } from '../support/scratch-dir.js';
import { auditRecord } from './audit-records.js';

const argValue = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const CASES = argValue('--cases', 1_000_000);
const REPS = argValue('--reps', 3);

/**
 * Writes `CASES` cases into a spool folder in records of `requests` x `perRequest` cases, as one
 * serving process that answers `perMs` requests a millisecond.
 */
async function fillSpool(dir: string, requests: number, perRequest: number, perMs: number): Promise<void> {
  const sink = openAuditSpoolSink({ dir, maxBytes: 2 ** 40 });
  const start = Date.now();
  for (let first = 0; first * perRequest < CASES; first += requests)
    sink.append(auditRecord(first, requests, perRequest, start + Math.floor(first / perMs)));
  await sink.close();
}

/**
 * Seconds (wall, and the CPU of this process, whose only busy thread is the writer's) for the
 * audit writer thread `amlops serve` runs (`openAuditSpoolWriter`, its heap as in production) to
 * write the spool folder into the store at `url`.
 */
async function ingest(dir: string, url: string): Promise<{ seconds: number; cpu: number; written: number }> {
  const writer = await openAuditSpoolWriter({ dir, databaseUrl: url, pollMs: 10, deferBytes: 0 });
  const started = performance.now();
  const cpu = process.cpuUsage();
  await writer.drain();
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - started) / 1000;
  const { written } = writer.status;
  await writer.close();
  return { seconds, cpu: (used.user + used.system) / 1e6, written };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await inScratchDir('amlops-bench-audit-', async (scratch) => {
  const postgres = await startPostgresServer();
  try {
    const shapes = [
      { name: '1000 cases per request', requests: 1, perRequest: 1000, perMs: 1 },
      // As `npm run bench:serve` loads each of its two processes: 16 connections, so up to 8
      // requests per turn of a process's event loop (a spool record), 33k requests/s in all.
      { name: '1 case per request (8 per record, 16 per ms)', requests: 8, perRequest: 1, perMs: 16 },
    ];
    const stores = ['sqlite', 'postgres'] as const;
    const results = new Map<string, { rate: number[]; cpuRate: number[] }>();
    let round = 0;
    for (let rep = 0; rep < REPS; rep++)
      for (const shape of shapes)
        for (const store of stores) {
          round += 1;
          const dir = join(scratch, `spool-${round}`);
          mkdirSync(dir, { recursive: true });
          await fillSpool(dir, shape.requests, shape.perRequest, shape.perMs);
          const url =
            store === 'sqlite'
              ? `sqlite:${join(scratch, `audit-${round}.db`)}`
              : await freshDatabase(postgres.url, round);
          const r = await ingest(dir, url);
          if (r.written !== CASES) throw new Error(`${store}: ${r.written} of ${CASES} cases written`);
          const key = `${shape.name} | ${store}`;
          const entry = results.get(key) ?? { rate: [], cpuRate: [] };
          entry.rate.push(CASES / r.seconds);
          entry.cpuRate.push(CASES / r.cpu);
          results.set(key, entry);
          process.stderr.write(
            `${key}: ${Math.round(CASES / r.seconds)} cases/s (${r.seconds.toFixed(2)} s, cpu ${r.cpu.toFixed(2)} s)\n`,
          );
        }
    process.stdout.write(
      `\naudit writer, ${CASES} cases, medians of ${REPS} (this machine: ${(await import('node:os')).cpus().length} cores)\n`,
    );
    process.stdout.write(
      '| traffic | store | cases/s (wall) | cases per CPU second of the writer |\n| --- | --- | --- | --- |\n',
    );
    for (const [key, { rate, cpuRate }] of results) {
      const [shape, store] = key.split(' | ');
      process.stdout.write(
        `| ${shape} | ${store} | ${Math.round(median(rate)).toLocaleString('en')} | ${Math.round(median(cpuRate)).toLocaleString('en')} |\n`,
      );
    }
  } finally {
    await postgres.stop();
  }
});

async function freshDatabase(adminUrl: string, round: number): Promise<string> {
  const pg = await import('pg');
  const client = new pg.default.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`create database audit_bench_${round}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/audit_bench_${round}`;
  return url.toString();
}
