import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/cli-io.js';
import { pipelinesCommand } from '../../src/cli/pipelines-command.js';
import { runCli } from '../../src/cli/run-cli.js';
import { resolveConfig } from '../../src/config/index.js';
import { AmlopsError } from '../../src/core/errors/index.js';
import { lazyCliRuntime } from '../../src/main/lazy-cli-runtime.js';
import { runQueueWorker } from '../../src/main/worker.js';
import { FlowRegistry } from '../../src/pipelines/flow-registry.js';
import { slowFlows } from './fixtures/slow-flows.js';
import { eventually } from './pipeline-test-kit.js';
import { usePostgres } from './test-postgres.js';

const freshPostgres = usePostgres();
const WORKER_SCRIPT = fileURLToPath(new URL('./fixtures/slow-flow-worker.ts', import.meta.url));
const TIMINGS = {
  AMLOPS_PIPELINES_HEARTBEAT_SECONDS: '0.2',
  AMLOPS_PIPELINES_CRASH_AFTER_SECONDS: '1.5',
  AMLOPS_PIPELINES_POLL_SECONDS: '0.5',
};
const children: ChildProcess[] = [];
const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const stop of stops) await stop();
});

async function cli(env: Record<string, string>, ...args: string[]) {
  const io = memoryIo({ env });
  const code = await runCli(
    ['node', 'amlops', ...args],
    io,
    [(c) => pipelinesCommand(c, lazyCliRuntime, slowFlows(0))],
    'test',
  );
  return { code, out: io.out.join(''), err: io.err.join('') };
}

/** Starts a worker in a child process and resolves with its name once it takes jobs. */
function spawnWorker(env: Record<string, string>): Promise<{ child: ChildProcess; name: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER_SCRIPT], {
    env: { ...process.env, ...env, HOLD_MS: '60000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d) => {
      err += d;
    });
    child.stdout!.on('data', (d) => {
      out += d;
      const name = /ready (\S+)/.exec(out)?.[1];
      if (name) resolve({ child, name });
    });
    child.on('exit', (code) => reject(new Error(`worker exited with ${code}: ${err}`)));
  });
}

describe('pg-boss workers', () => {
  it('a run whose worker is killed is marked Crashed and resumed by another worker from the crashed step', async () => {
    const env = { DATABASE_URL: await freshPostgres(), ...TIMINGS };
    const queued = await cli(env, 'pipelines', 'run', 'slow', '--queue', '--json');
    expect(queued.code, queued.err).toBe(0);
    const { run } = JSON.parse(queued.out);
    expect(run.state).toBe('Scheduled');

    const first = await spawnWorker(env);
    const show = async () => JSON.parse((await cli(env, 'pipelines', 'show', run.id, '--json')).out);
    await eventually(async () =>
      (await show()).steps.some(
        (s: { name: string; state: string }) => s.name === 'crunch' && s.state === 'Running',
      ),
    );
    expect((await show()).run).toMatchObject({ state: 'Running', worker: first.name, attempt: 1 });
    first.child.kill('SIGKILL');

    const { config } = resolveConfig({ env });
    const second = await runQueueWorker(config, {
      cwd: process.cwd(),
      flows: slowFlows(0),
      concurrency: 1,
      warn: () => {},
    });
    stops.push(() => second.stop());
    const done = await eventually(async () => {
      const shown = await show();
      return shown.run.state === 'Completed' ? shown : undefined;
    }, 30_000);
    expect(done.run).toMatchObject({ worker: second.deps.worker, attempt: 2, error: null });
    const byName = Object.fromEntries(done.steps.map((s: { name: string }) => [s.name, s]));
    // `prepare` ran once, in the killed worker; its recorded output was reused.
    expect(byName.prepare).toMatchObject({ state: 'Completed', output: { pid: first.child.pid } });
    expect(byName.crunch).toMatchObject({ state: 'Completed', output: { pid: process.pid } });
    const logs = JSON.parse((await cli(env, 'pipelines', 'logs', run.id, '--json')).out).logs as {
      message: string;
    }[];
    const messages = logs.map((l) => l.message);
    expect(messages).toContain(`attempt 1 on ${first.name}`);
    expect(
      messages.some(
        (m) =>
          m.startsWith(`crashed: worker ${first.name} stopped heart-beating`) && m.endsWith('queued again'),
      ),
    ).toBe(true);
    expect(messages).toContain(`attempt 2 on ${second.deps.worker}`);
    expect(messages.filter((m) => m.startsWith('crunching in'))).toEqual([
      `crunching in ${first.child.pid}`,
      `crunching in ${process.pid}`,
    ]);
  });

  it('cancels a run on a worker through `amlops pipelines cancel`', async () => {
    const env = { DATABASE_URL: await freshPostgres(), ...TIMINGS };
    const { config } = resolveConfig({ env });
    const worker = await runQueueWorker(config, {
      cwd: process.cwd(),
      flows: slowFlows(60_000),
      concurrency: 2,
      warn: () => {},
    });
    stops.push(() => worker.stop());
    const { run } = JSON.parse((await cli(env, 'pipelines', 'run', 'slow', '--queue', '--json')).out);
    const state = async () =>
      JSON.parse((await cli(env, 'pipelines', 'show', run.id, '--json')).out).run.state;
    await eventually(async () => (await state()) === 'Running');
    const cancelled = await cli(env, 'pipelines', 'cancel', run.id);
    expect(cancelled.out).toContain('cancel requested');
    await eventually(async () => (await state()) === 'Cancelled');
  });

  it('retries a failed run through the queue from its failed step', async () => {
    const env = { DATABASE_URL: await freshPostgres(), ...TIMINGS };
    const ran: string[] = [];
    let broken = true;
    const flows = new FlowRegistry().register({
      name: 'two-steps',
      description: 'a, then b (broken until fixed)',
      steps: () => [
        { name: 'a', run: async () => void ran.push('a') },
        {
          name: 'b',
          run: async () => {
            ran.push('b');
            if (broken) throw new AmlopsError('DATA_INVALID', 'column risk_pld is missing');
            return 'ok';
          },
        },
      ],
    });
    const { config } = resolveConfig({ env });
    const worker = await runQueueWorker(config, {
      cwd: process.cwd(),
      flows,
      concurrency: 1,
      warn: () => {},
    });
    stops.push(() => worker.stop());
    const amlops = async (...args: string[]) => {
      const io = memoryIo({ env });
      const code = await runCli(
        ['node', 'amlops', ...args],
        io,
        [(c) => pipelinesCommand(c, lazyCliRuntime, flows)],
        'test',
      );
      return { code, out: io.out.join(''), err: io.err.join('') };
    };
    const { run } = JSON.parse((await amlops('pipelines', 'run', 'two-steps', '--queue', '--json')).out);
    const shown = async () => JSON.parse((await amlops('pipelines', 'show', run.id, '--json')).out).run;
    const failed = await eventually(async () => ((await shown()).state === 'Failed' ? shown() : undefined));
    expect(failed).toMatchObject({ failedStep: 'b', error: { code: 'DATA_INVALID' } });
    broken = false;
    const retry = await amlops('pipelines', 'retry', run.id, '--queue', '--json');
    expect(retry.code, retry.err).toBe(0);
    expect(JSON.parse(retry.out).run.state).toBe('Scheduled');
    expect(
      await eventually(async () => ((await shown()).state === 'Completed' ? shown() : undefined)),
    ).toMatchObject({
      attempt: 2,
    });
    expect(ran).toEqual(['a', 'b', 'b']);
  });
});
