import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPipelineRunStore } from '../../src/adapters/sql/pipeline-runs-open.js';
import { memoryIo } from '../../src/cli/cli-io.js';
import { pipelinesCommand } from '../../src/cli/pipelines-command.js';
import { runCli } from '../../src/cli/run-cli.js';
import { workerCommand } from '../../src/cli/worker-command.js';
import { AmlopsError } from '../../src/core/errors/index.js';
import { lazyCliRuntime } from '../../src/main/lazy-cli-runtime.js';
import { FlowRegistry } from '../../src/pipelines/flow-registry.js';

let failing = true;
const flows = new FlowRegistry().register({
  name: 'hello',
  description: 'greets, then checks',
  steps: (params) => [
    {
      name: 'greet',
      run: async ({ log }) => {
        log('greeting');
        return `hello ${params.who ?? 'world'}`;
      },
    },
    {
      name: 'check',
      run: async ({ outputs }) => {
        if (failing) throw new AmlopsError('DATA_INVALID', 'the dataset has no positive case');
        return `${outputs.greet}!`;
      },
    },
  ],
});

let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'amlops-cli-pipelines-'));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

const amlops = (...args: string[]) => amlopsWith({}, ...args);

async function amlopsWith(env: Record<string, string>, ...args: string[]) {
  const io = memoryIo({ env: { AMLOPS_HOME: home, ...env } });
  const code = await runCli(
    ['node', 'amlops', ...args],
    io,
    [(c) => pipelinesCommand(c, lazyCliRuntime, flows), (c) => workerCommand(c, lazyCliRuntime, flows)],
    'test',
  );
  return { code, out: io.out.join(''), err: io.err.join('') };
}

describe('amlops pipelines', () => {
  it('runs a flow here; a failed run exits with its error code, and retry resumes it', async () => {
    failing = true;
    const failed = await amlops('pipelines', 'run', 'hello', '--params', '{"who": "ana"}', '--json');
    expect(failed.code).toBe(65);
    const { run } = JSON.parse(failed.out);
    expect(run).toMatchObject({ state: 'Failed', failedStep: 'check', params: { who: 'ana' } });
    expect(JSON.parse(failed.err).error).toMatchObject({
      code: 'DATA_INVALID',
      message: `pipeline run ${run.id} ended Failed at step check: the dataset has no positive case`,
    });

    failing = false;
    const retried = await amlops('pipelines', 'retry', run.id, '--json');
    expect(retried.code, retried.err).toBe(0);
    expect(JSON.parse(retried.out)).toMatchObject({
      run: { id: run.id, state: 'Completed', attempt: 2 },
      outputs: { greet: 'hello ana', check: 'hello ana!' },
    });

    const shown = await amlops('pipelines', 'show', run.id);
    expect(shown.out).toMatch(/state\s+Completed/);
    expect(shown.out).toMatch(/greet\s+Completed\s+attempt 1/);
    expect(shown.out).toMatch(/check\s+Completed\s+attempt 1/);
    const logs = await amlops('pipelines', 'logs', run.id);
    expect(logs.out.match(/greet: greeting/g)).toHaveLength(1);
    expect((await amlops('pipelines', 'logs', run.id, '--follow')).out).toBe(logs.out);
    expect(logs.out).toContain(
      'error check: the dataset has no positive case {"code":"DATA_INVALID","attempt":1}',
    );
  });

  it('lists runs newest first, by flow and state', async () => {
    failing = false;
    const ok = JSON.parse((await amlops('pipelines', 'run', 'hello', '--json')).out).run;
    const list = JSON.parse((await amlops('pipelines', 'list', '--flow', 'hello', '--json')).out).runs;
    expect(list[0].id).toBe(ok.id);
    const completed = JSON.parse(
      (await amlops('pipelines', 'list', '--state', 'completed', '--json')).out,
    ).runs;
    expect(completed.every((r: { state: string }) => r.state === 'Completed')).toBe(true);
    const text = await amlops('pipelines', 'list');
    expect(text.out.split('\n')[0]).toMatch(new RegExp(`^${ok.id}\\s+hello\\s+Completed`));
    expect((await amlops('pipelines', 'list', '--state', 'sleeping')).code).toBe(64);
  });

  it('shows as Crashed a run whose process died, and retries it', async () => {
    failing = false;
    const store = await openPipelineRunStore(`sqlite:${join(home, 'amlops.db')}`);
    const { id } = await store.createRun({ flow: 'hello' });
    const fence = (await store.claimRun(id, 'killed-host:7', Date.now()))!;
    await store.setRunState(id, fence, 'Running');
    await store.recordStep(id, fence, {
      name: 'greet',
      state: 'Completed',
      attempt: 1,
      output: 'hello from before',
    });
    await store.close();
    // Its heartbeat stops; past pipelines.crashAfterSeconds any command marks it.
    const env = { AMLOPS_PIPELINES_CRASH_AFTER_SECONDS: '0.5' };
    await new Promise((r) => setTimeout(r, 600));
    const shown = JSON.parse((await amlopsWith(env, 'pipelines', 'show', id, '--json')).out);
    expect(shown.run).toMatchObject({ state: 'Crashed', error: { code: 'PIPELINE_RUN_CRASHED' } });
    const logs = await amlops('pipelines', 'logs', id);
    expect(logs.out).toContain('crashed: worker killed-host:7 stopped heart-beating');
    const retried = await amlops('pipelines', 'retry', id, '--json');
    expect(JSON.parse(retried.out)).toMatchObject({
      run: { state: 'Completed' },
      outputs: { check: 'hello from before!' },
    });
  });

  it('leaves an ended run as it is when asked to cancel it', async () => {
    failing = false;
    const { run } = JSON.parse((await amlops('pipelines', 'run', 'hello', '--json')).out);
    const cancel = await amlops('pipelines', 'cancel', run.id);
    expect(cancel.out).toContain('had already ended Completed');
  });

  it('refuses what it cannot do, with a code and a clear message', async () => {
    const unknown = await amlops('pipelines', 'run', 'nope');
    expect(unknown.code).toBe(64);
    expect(unknown.err).toContain("PIPELINE_FLOW_UNKNOWN: no flow named 'nope'; flows: hello");
    const params = await amlops('pipelines', 'run', 'hello', '--params', '[1]');
    expect(params.code).toBe(64);
    expect(params.err).toContain('--params must be a JSON object');
    const queued = await amlops('pipelines', 'run', 'hello', '--queue');
    expect(queued.code).toBe(69);
    expect(queued.err).toContain('QUEUE_UNAVAILABLE');
    expect(queued.err).toContain('DATABASE_URL=postgres://');
    const worker = await amlops('worker');
    expect(worker.code).toBe(69);
    expect(worker.err).toContain('amlops worker needs the PostgreSQL store: set DATABASE_URL=postgres://');
    const missing = await amlops('pipelines', 'show', '00000000-0000-0000-0000-000000000000');
    expect(missing.code).toBe(66);
    expect((await amlops('worker', '--concurrency', '0')).code).toBe(64);
  });
});
