// Measures how many bytes of store one audited case takes, for capacity planning (docs/deploy.md).
// Not a test: `npx tsx test/deploy/measure-audit-bytes.ts [--cases 100000] [--per-request 1]
// [--store sqlite|postgres]` (needs `npm run build`; postgres starts a throwaway server as the
// tests do). It trains a model on generated cases, serves it with `amlops serve --workers 1`
// (audit on, the defaults), posts the cases to /predict with their case ids, waits until the audit
// log holds all of them, stops the server, and compares the store's size with its size before.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { freePort } from '../setup/free-port.js';
import { startPostgresServer } from '../setup/postgres-server.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    'per-request': { type: 'string', default: '1' },
    store: { type: 'string', default: 'sqlite' },
  },
});
const cases = Number(values.cases);
const perRequest = Number(values['per-request']);
const cli = new URL('../../bin/amlops.js', import.meta.url).pathname;
const home = mkdtempSync(join(tmpdir(), 'amlops-audit-bytes-'));
const postgres = values.store === 'postgres' ? await startPostgresServer() : undefined;
const env = {
  ...process.env,
  AMLOPS_HOME: home,
  AMLOPS_TRAINING_PRESET: 'original',
  AMLOPS_PROMOTION_POLICY: 'always',
  AMLOPS_LOG_LEVEL: 'warn',
  ...(postgres ? { DATABASE_URL: postgres.url } : {}),
};
const amlops = (...args: string[]) => execFileSync('node', [cli, ...args], { env, cwd: home, stdio: 'pipe' });

/** Bytes of the audit table with its indexes (and TOAST), and of the whole store. */
async function storeSize(): Promise<{ audit: number; store: number; rows: number }> {
  if (postgres) {
    const client = new pg.Client(postgres.url);
    await client.connect();
    await client.query('CHECKPOINT');
    const { rows } = await client.query(
      `SELECT (SELECT coalesce(sum(pg_total_relation_size(inhrelid)), 0) FROM pg_inherits
                WHERE inhparent = 'audit_parts'::regclass)::bigint AS audit,
              pg_database_size(current_database())::bigint AS store,
              (SELECT coalesce(sum(cases), 0) FROM audit_parts)::bigint AS rows`,
    );
    await client.end();
    return { audit: Number(rows[0].audit), store: Number(rows[0].store), rows: Number(rows[0].rows) };
  }
  const file = join(home, 'amlops.db');
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const audit = db
    .prepare(
      `SELECT sum(pgsize) AS bytes FROM dbstat WHERE name = 'audit_parts'
         OR name IN (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_parts')`,
    )
    .get() as { bytes: number };
  const rows = (db.prepare('SELECT coalesce(sum(cases), 0) AS n FROM audit_parts').get() as { n: number }).n;
  db.close();
  return { audit: audit.bytes, store: statSync(file).size, rows };
}

async function waitForAudit(count: number): Promise<void> {
  const deadline = Date.now() + 300_000;
  while ((await storeSize()).rows < count) {
    if (Date.now() > deadline) throw new Error('the audit log did not receive every case in 5 minutes');
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

const lines = (rows: number, seed: number) => {
  amlops(
    'generate',
    '--rows',
    String(rows),
    '--seed',
    String(seed),
    '--out',
    join(home, `cases-${seed}.csv`),
  );
  return readFileSync(join(home, `cases-${seed}.csv`), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
};

let server: ChildProcess | undefined;
try {
  amlops('generate', '--rows', '20000', '--out', join(home, 'train.csv'));
  amlops('train', '--data', join(home, 'train.csv'));
  const port = await freePort();
  server = spawn('node', [cli, 'serve', '--port', String(port), '--workers', '1'], {
    env,
    cwd: home,
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (i > 300) throw new Error('amlops serve did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const before = await storeSize();
  // Columns: case_id,user_id,alert_date,total_income_dollar_amount,total_outcome_dollar_amount,risk_pld,conclusion
  const rows = lines(cases, 7).map((line) => line.split(','));
  const bodies: string[] = [];
  for (let i = 0; i < rows.length; i += perRequest) {
    const chunk = rows.slice(i, i + perRequest);
    bodies.push(
      JSON.stringify({
        case_id: chunk.map((r) => r[0]),
        total_income_dollar_amount: chunk.map((r) => (r[3] === '' ? null : Number(r[3]))),
        total_outcome_dollar_amount: chunk.map((r) => (r[4] === '' ? null : Number(r[4]))),
        risk_pld: chunk.map((r) => r[5] || null),
      }),
    );
  }
  const started = Date.now();
  let next = 0;
  const send = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const response = await fetch(`${url}/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      if (!response.ok)
        throw new Error(`POST /predict answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 8 }, send));
  const seconds = (Date.now() - started) / 1000;
  await waitForAudit(before.rows + cases);
  server.kill('SIGTERM');
  await new Promise((resolve) => server?.once('exit', resolve));
  const after = await storeSize();
  const per = (a: number, b: number) => ((a - b) / (after.rows - before.rows)).toFixed(1);
  process.stdout.write(
    `${JSON.stringify({
      store: values.store,
      cases: after.rows - before.rows,
      perRequest,
      postSeconds: Number(seconds.toFixed(1)),
      auditBytesPerCase: Number(per(after.audit, before.audit)),
      storeBytesPerCase: Number(per(after.store, before.store)),
      auditBytes: after.audit,
      storeBytes: after.store,
    })}\n`,
  );
} finally {
  if (server && server.exitCode === null) server.kill('SIGKILL');
  await postgres?.stop();
  rmSync(home, { recursive: true, force: true });
}
