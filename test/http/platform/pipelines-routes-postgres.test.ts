import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/config/index.js';
import { openServerApp, type ServerApp } from '../../../src/http/server-app.js';
import { runQueueWorker } from '../../../src/main/worker.js';
import { FlowRegistry } from '../../../src/pipelines/flow-registry.js';
import { eventually, untilAborted } from '../../pipelines/pipeline-test-kit.js';
import { usePostgres } from '../../pipelines/test-postgres.js';

// The pipeline routes of a server on the PostgreSQL store: a run started through the API goes
// through pg-boss to an `amlops worker` (another process in production, here in this one).

const freshDatabase = usePostgres();
const flows = new FlowRegistry()
  .register({
    name: 'refresh',
    description: 'counts its parameters',
    steps: (params) => [{ name: 'count', run: async () => Object.keys(params).length }],
  })
  .register({
    name: 'slow',
    description: 'waits until cancelled',
    steps: () => [{ name: 'wait', run: (context) => untilAborted(context.signal) }],
  });

let home: string;
let server: ServerApp;
let worker: Awaited<ReturnType<typeof runQueueWorker>>;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'amlops-api-pipelines-pg-'));
  const { config } = resolveConfig({
    flags: {
      home,
      'store.databaseUrl': await freshDatabase(),
      'pipelines.pollSeconds': 0.5,
      'pipelines.heartbeatSeconds': 0.1,
    },
  });
  server = await openServerApp(config, {
    cwd: home,
    version: 'test',
    pipelines: { flows: async () => flows },
  });
  worker = await runQueueWorker(config, { cwd: home, flows, concurrency: 1, warn: () => {} });
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await server?.app.close();
  await server?.close();
  await rm(home, { recursive: true, force: true });
});

const inject = (method: 'GET' | 'POST', url: string, payload?: object) =>
  server.app.inject({ method, url, ...(method === 'POST' ? { payload: payload ?? {} } : {}) });
const stateOf = async (id: string) => (await inject('GET', `/api/v1/pipelines/${id}`)).json().run.state;

describe('pipeline runs through /api/v1 on PostgreSQL', () => {
  it('queues a run on pg-boss for a worker, which runs it; the API shows its steps and logs', async () => {
    const started = await inject('POST', '/api/v1/pipelines', { flow: 'refresh', params: { a: 1 } });
    expect(started.statusCode, started.body).toBe(202);
    const { run } = started.json();
    expect(run.state).toBe('Scheduled');
    await eventually(async () => (await stateOf(run.id)) === 'Completed');
    const { steps } = (await inject('GET', `/api/v1/pipelines/${run.id}`)).json();
    expect(steps).toMatchObject([{ name: 'count', state: 'Completed', output: 1, error: null }]);
    const { lines, ended } = (await inject('GET', `/api/v1/pipelines/${run.id}/logs`)).json();
    expect(ended).toBe(true);
    expect(lines.map((l: { message: string }) => l.message)).toContain(
      'started through the API by api:127.0.0.1',
    );
    expect((await inject('GET', '/api/v1/pipelines?state=Completed')).json().runs).toHaveLength(1);
  });

  it("cancels a run running on the worker at the worker's next heartbeat", async () => {
    const { run } = (await inject('POST', '/api/v1/pipelines', { flow: 'slow' })).json();
    await eventually(async () => (await stateOf(run.id)) === 'Running');
    const asked = await inject('POST', `/api/v1/pipelines/${run.id}/cancel`);
    expect(asked.json().run).toMatchObject({ state: 'Running', cancelRequested: true });
    await eventually(async () => (await stateOf(run.id)) === 'Cancelled');

    const retried = await inject('POST', `/api/v1/pipelines/${run.id}/retry`);
    expect(retried.statusCode, retried.body).toBe(202);
    // Queued again on pg-boss, the worker takes it: running again until cancelled again.
    await eventually(async () => (await stateOf(run.id)) === 'Running');
    await inject('POST', `/api/v1/pipelines/${run.id}/cancel`);
    await eventually(async () => (await stateOf(run.id)) === 'Cancelled');
    expect((await inject('GET', `/api/v1/pipelines/${run.id}`)).json().run.attempt).toBe(2);
  });
});
