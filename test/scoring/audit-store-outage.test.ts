import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArtifactStore } from '../../src/adapters/artifacts/index.js';
import { openAuditLog } from '../../src/adapters/sql/audit-open-log.js';
import { openSqlStores } from '../../src/adapters/sql/index.js';
import { registerModelBundle } from '../../src/services/register-model-bundle.js';
import { MODEL } from '../http/scoring/scoring-server-harness.js';
import { type PostgresServer, startPostgresServer } from '../setup/postgres-server.js';
import { EXAMPLE_BODY, trainTestBundle } from './scoring-test-kit.js';

// The built CLI, as installed (npm test builds dist/ first).
const BIN = fileURLToPath(new URL('../../bin/amlops.js', import.meta.url));

let postgres: PostgresServer;
let paused = false;
let home: string;
let child: ChildProcess | undefined;
/** What the server printed, shown when the test fails. */
let output = '';

beforeAll(async () => {
  // A server of this test's own: it is stopped and started again.
  postgres = await startPostgresServer();
  home = await mkdtemp(join(tmpdir(), 'amlops-outage-'));
  const artifactRoot = pathToFileURL(join(home, 'artifacts')).href;
  const stores = await openSqlStores(postgres.url, {
    artifactRoot,
    openArtifacts: (uri) => openArtifactStore(uri),
  });
  const version = await registerModelBundle(
    { registry: stores.registry, openArtifacts: (uri) => openArtifactStore(uri) },
    {
      name: MODEL,
      source: `${artifactRoot}/models/1`,
      bundle: trainTestBundle(),
      inputExample: EXAMPLE_BODY,
    },
  );
  await stores.registry.setAlias(MODEL, 'production', version.version);
  await stores.close();
}, 120_000);
afterAll(async () => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  if (paused) await postgres.resume();
  await postgres.stop();
  await rm(home, { recursive: true, force: true });
});

function serve(): Promise<string> {
  child = spawn(process.execPath, [BIN, 'serve', '--home', home, '--port', '0', '--workers', '2'], {
    env: { ...process.env, AMLOPS_LOG_LEVEL: 'warn', DATABASE_URL: postgres.url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    child!.stdout!.on('data', (d) => {
      output += d;
    });
    child!.stderr!.on('data', (d) => {
      err += d;
      output += d;
      const url = /scoring API on (http:\/\/\S+)/.exec(err)?.[1];
      if (url) resolve(url);
    });
    child!.on('exit', (code) => reject(new Error(`amlops serve exited with ${code}: ${err}`)));
  });
}

async function until<T>(what: string, look: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await look().catch(() => undefined);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('PostgreSQL stopped while replicas serve', () => {
  it('scoring goes on with the loaded model, /readyz says degraded, the cases wait in the spool, and every answered case arrives once PostgreSQL is back (by shutdown at the latest)', async () => {
    const url = await serve();
    child!.on('exit', (code, signal) => {
      if (code !== 0) process.stderr.write(`amlops serve exited (${signal ?? code}):\n${output}\n`);
    });
    const predict = async (i: number) => {
      const res = await fetch(`${url}/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': `outage-${i}` },
        body: JSON.stringify(EXAMPLE_BODY),
      });
      return { status: res.status, requestId: ((await res.json()) as { request_id: string }).request_id };
    };
    const answered: string[] = [];
    for (let i = 0; i < 20; i++) answered.push((await predict(i)).requestId);

    await postgres.pause();
    paused = true;
    const during = await Promise.all(Array.from({ length: 40 }, (_, i) => predict(100 + i)));
    expect(during.map((d) => d.status)).toEqual(Array(40).fill(200));
    answered.push(...during.map((d) => d.requestId));
    const degraded = await until('/readyz to say degraded', async () => {
      const body = (await (await fetch(`${url}/readyz`)).json()) as { status: string; reason?: string };
      return body.status === 'degraded' ? body : undefined;
    });
    expect(degraded.reason).toMatch(
      /^the store does not take the audit records \(.+\): \d+\.\d MB of answered cases wait in the spool/,
    );
    // Still scoring, still ready to take traffic.
    expect((await predict(999)).status).toBe(200);
    answered.push((await predict(1000)).requestId);

    await postgres.resume();
    paused = false;
    await until('/readyz to say ready', async () => {
      const body = (await (await fetch(`${url}/readyz`)).json()) as { status: string };
      return body.status === 'ready' ? body : undefined;
    });
    // On a busy machine the records may wait in the spool until the load falls: stopping writes them.
    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
    const log = await openAuditLog(postgres.url);
    try {
      const recorded = new Set((await log.list({ maxResults: 10_000 })).items.map((c) => c.requestId));
      expect(answered.filter((id) => !recorded.has(id))).toEqual([]);
      // …and the one answered without its id kept by the test.
      expect(recorded.size).toBe(answered.length + 1);
    } finally {
      await log.close();
    }
  }, 180_000);
});
