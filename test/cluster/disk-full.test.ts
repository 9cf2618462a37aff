import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../setup/free-port.js';
import { type BuiltCli, snapshotBuiltCli } from './built-cli.js';
import { type ClusterProcess, startClusterProcess } from './cluster-process.js';
import { runAmlops } from './run-amlops.js';
import { mountSmallDisk, type SmallDisk } from './small-disk.js';

// The embedded deployment (`amlops serve` on the SQLite store) on a disk that fills up: a 3 MB
// tmpfs holding AMLOPS_HOME. Writes fail with STORE_DISK_FULL naming the file; what was stored
// before stays intact and readable; once space is freed, writes work again, without a restart.

let cli: BuiltCli | undefined;
let disk: SmallDisk | undefined;
let skipped = '';
let server: ClusterProcess | undefined;
let url = '';
let env: Record<string, string> = {};

const mlflow = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
  const response = await fetch(`${url}/api/2.0/mlflow/${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const metrics = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({ key: `${prefix}${i}`, value: i / 7, timestamp: 1, step: 0 }));
const sortedMetrics = (run: Record<string, unknown>) =>
  ((run.run as { data: { metrics: { key: string; value: number }[] } }).data.metrics ?? [])
    .map((m) => `${m.key}=${m.value}`)
    .sort();

beforeAll(async () => {
  const mounted = mountSmallDisk(3);
  if (typeof mounted === 'string') {
    skipped = mounted;
    console.warn(`test/cluster/disk-full.test.ts is skipped: ${skipped}`);
    return;
  }
  disk = mounted;
  cli = snapshotBuiltCli();
  env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    AMLOPS_HOME: join(disk.dir, 'home'),
    AMLOPS_LOG_LEVEL: 'warn',
  };
  const migrated = await runAmlops(cli.bin, ['migrate'], env);
  expect(migrated.code, migrated.stderr).toBe(0);
  const port = await freePort();
  server = startClusterProcess(
    'serve',
    process.execPath,
    [cli.bin, 'serve', '--port', String(port), '--workers', '1'],
    env,
  );
  await server.waitForOutput(/amlops scoring API on http:\/\/\S+/, 60_000);
  url = `http://127.0.0.1:${port}`;
}, 120_000);

afterAll(async () => {
  await server?.stop();
  disk?.unmount();
  cli?.remove();
}, 60_000);

describe('disk full under the embedded store', () => {
  it('refuses writes with STORE_DISK_FULL naming the file, keeps what is stored intact and readable, and writes again once space is freed', async (context) => {
    if (!disk) return context.skip(`cannot make a small disk: ${skipped}`);
    const database = join(disk.dir, 'home', 'amlops.db');

    // Records stored while there is room.
    const experiment = await mlflow('POST', 'experiments/create', { name: 'disk-full' });
    expect(experiment.status).toBe(200);
    const created = await mlflow('POST', 'runs/create', {
      experiment_id: experiment.body.experiment_id,
      start_time: 1,
    });
    const runId = (created.body.run as { info: { run_id: string } }).info.run_id;
    expect(
      (await mlflow('POST', 'runs/log-batch', { run_id: runId, metrics: metrics('before_', 100) })).status,
    ).toBe(200);
    const stored = await mlflow('GET', `runs/get?run_id=${runId}`);
    expect(sortedMetrics(stored.body)).toHaveLength(100);

    expect(disk.fill()).toBeGreaterThan(1_000_000);

    // A write through the CLI: its own error code and exit code, the file named, no stack trace.
    const renamed = await runAmlops(cli!.bin, ['experiments', 'rename', 'disk-full', 'renamed'], env);
    expect(renamed.code, renamed.stderr).toBe(74);
    expect(renamed.stderr).toContain('STORE_DISK_FULL');
    expect(renamed.stderr).toContain(database);
    expect(renamed.stderr).not.toMatch(/\n\s+at /);

    // A write through the API: 507, MLflow's code for a full file system, the cause and file named.
    const refused = await mlflow('POST', 'runs/log-batch', {
      run_id: runId,
      metrics: metrics('after_', 1000),
    });
    expect(refused.status).toBe(507);
    expect(refused.body.error_code).toBe('RESOURCE_EXHAUSTED');
    expect(refused.body.message).toMatch(/disk holding it is full \(SQLITE_FULL\)/);
    expect(refused.body.message).toContain(database);

    // Reads go on, through the API and the CLI, and find exactly what was stored before.
    const reread = await mlflow('GET', `runs/get?run_id=${runId}`);
    expect(reread.status).toBe(200);
    expect(sortedMetrics(reread.body)).toEqual(sortedMetrics(stored.body));
    const shown = await runAmlops(cli!.bin, ['experiments', 'show', 'disk-full', '--json'], env);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(runId);
    const sqlite = new BetterSqlite3(database);
    try {
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(sqlite.prepare('select count(*) as n from metrics where run_uuid = ?').get(runId)).toEqual({
        n: 100,
      });
    } finally {
      sqlite.close();
    }

    // Space freed: the same write succeeds, on the running server.
    disk.free();
    expect(
      (await mlflow('POST', 'runs/log-batch', { run_id: runId, metrics: metrics('after_', 1000) })).status,
    ).toBe(200);
    expect(sortedMetrics((await mlflow('GET', `runs/get?run_id=${runId}`)).body)).toHaveLength(1100);
  });
});
