import { afterEach, describe, expect, it } from 'vitest';
import { InProcessQueue } from '../../src/adapters/queue/in-process-queue.js';
import { AmlopsError } from '../../src/core/errors/index.js';
import { parseSchedules } from '../../src/core/schedule/index.js';
import { cancelPipelineRun } from '../../src/pipelines/cancel-pipeline-run.js';
import { fireSchedule } from '../../src/pipelines/fire-schedule.js';
import { FlowRegistry } from '../../src/pipelines/flow-registry.js';
import { PipelineWorker } from '../../src/pipelines/pipeline-worker.js';
import { retryPipelineRun } from '../../src/pipelines/retry-pipeline-run.js';
import { startPipelineRun } from '../../src/pipelines/start-pipeline-run.js';
import { codeOf } from '../contracts/expect-code.js';
import { eventually, pipelineKit, untilAborted } from './pipeline-test-kit.js';

const calls: string[] = [];
let failTrainOnce = false;

const flows = new FlowRegistry()
  .register({
    name: 'sum',
    description: 'loads numbers, adds them, reports',
    checkParams(params) {
      if (params.numbers !== undefined && !Array.isArray(params.numbers))
        throw new AmlopsError('PIPELINE_PARAMS_INVALID', 'numbers must be a list');
    },
    steps: (params, run) => [
      {
        name: 'load',
        run: async ({ log }) => {
          calls.push('load');
          log('loaded', { count: 3 });
          return (params.numbers as number[] | undefined) ?? [1, 2, 3];
        },
      },
      {
        name: 'train',
        run: async ({ outputs }) => {
          calls.push('train');
          if (failTrainOnce) {
            failTrainOnce = false;
            throw new AmlopsError('DATA_INVALID', 'the dataset has no positive case');
          }
          await run.linkTrackingRun('tracking-1');
          return (outputs.load as number[]).reduce((a, b) => a + b, 0);
        },
      },
      { name: 'report', run: async ({ outputs }) => `sum=${outputs.train}` },
    ],
  })
  .register({
    name: 'wait',
    description: 'waits until cancelled',
    steps: () => [{ name: 'wait', run: ({ signal }) => untilAborted(signal) }],
  });

const kits: { close(): Promise<void> }[] = [];
afterEach(async () => {
  calls.length = 0;
  await Promise.all(kits.splice(0).map((k) => k.close()));
});
const kit = async (...args: Parameters<typeof pipelineKit>) => {
  const k = await pipelineKit(...args);
  kits.push(k);
  return k;
};

describe('pipeline runs in-process', () => {
  it('runs a flow and records the run, its steps and logs', async () => {
    const { deps, store } = await kit(flows);
    const { run, result } = await startPipelineRun(deps, 'sum', { numbers: [4, 5] });
    expect(result?.outputs).toEqual({ load: [4, 5], train: 9, report: 'sum=9' });
    expect(run).toMatchObject({
      flow: 'sum',
      params: { numbers: [4, 5] },
      state: 'Completed',
      attempt: 1,
      worker: 'test-host:1',
      trackingRunId: 'tracking-1',
      error: null,
    });
    expect(run.startedAt).not.toBeNull();
    expect(run.endedAt).toBeGreaterThanOrEqual(run.startedAt!);
    const steps = await store.listSteps(run.id);
    expect(steps.map((s) => [s.name, s.state, s.output])).toEqual([
      ['load', 'Completed', [4, 5]],
      ['train', 'Completed', 9],
      ['report', 'Completed', 'sum=9'],
    ]);
    const logs = await store.listLogs(run.id);
    expect(logs.map((l) => `${l.step}: ${l.message}`)).toEqual([
      ': attempt 1 on test-host:1',
      'load: loaded',
    ]);
    expect(logs[1]!.fields).toEqual({ count: 3 });
  });

  it('refuses an unknown flow, bad parameters, and --queue without a queue, recording nothing', async () => {
    const { deps, store } = await kit(flows);
    expect(await codeOf(startPipelineRun(deps, 'nope', {}))).toBe('PIPELINE_FLOW_UNKNOWN');
    await expect(startPipelineRun(deps, 'nope', {})).rejects.toThrow(
      "no flow named 'nope'; flows: sum, wait",
    );
    expect(await codeOf(startPipelineRun(deps, 'sum', { numbers: 'x' }))).toBe('PIPELINE_PARAMS_INVALID');
    expect(await codeOf(startPipelineRun(deps, 'sum', {}, { queue: true }))).toBe('QUEUE_UNAVAILABLE');
    expect((await store.listRuns()).items).toEqual([]);
  });

  it('fails at the bad step, then a retry resumes there, reusing the outputs before it', async () => {
    const { deps, store } = await kit(flows);
    failTrainOnce = true;
    const { run: failed } = await startPipelineRun(deps, 'sum', {});
    expect(failed).toMatchObject({
      state: 'Failed',
      failedStep: 'train',
      error: { code: 'DATA_INVALID', message: 'the dataset has no positive case' },
    });
    expect(calls).toEqual(['load', 'train']);
    const { run: retried, result } = await retryPipelineRun(deps, failed.id);
    expect(calls).toEqual(['load', 'train', 'train']);
    expect(retried).toMatchObject({
      id: failed.id,
      state: 'Completed',
      attempt: 2,
      error: null,
      failedStep: null,
    });
    expect(result?.outputs.report).toBe('sum=6');
    expect((await store.listSteps(failed.id)).map((s) => `${s.name}:${s.state}`)).toEqual([
      'load:Completed',
      'train:Completed',
      'report:Completed',
    ]);
    expect(await codeOf(retryPipelineRun(deps, failed.id))).toBe('PIPELINE_RUN_NOT_RETRIABLE');
  });

  it('cancels a run executing in this process through its abort signal', async () => {
    const { deps, store } = await kit(flows);
    const started = startPipelineRun(deps, 'wait', {});
    const [{ id }] = await eventually(async () => {
      const { items } = await store.listRuns({ states: ['Running'] });
      return items.length ? items : undefined;
    });
    await eventually(async () => deps.running.has(id));
    await cancelPipelineRun(deps, id);
    const { run } = await started;
    expect(run.state).toBe('Cancelled');
    expect((await store.listSteps(id))[0]).toMatchObject({ name: 'wait', state: 'Cancelled' });
  });

  it('cancels a run executing in another process through the flag its heartbeat reads', async () => {
    const here = await kit(flows);
    const elsewhere = await kit(flows, { url: here.url, worker: 'other-host:2' });
    const started = startPipelineRun(here.deps, 'wait', {});
    const [{ id }] = await eventually(async () => {
      const { items } = await here.store.listRuns({ states: ['Running'] });
      return items.length ? items : undefined;
    });
    expect(await cancelPipelineRun(elsewhere.deps, id)).toMatchObject({
      state: 'Running',
      cancelRequested: true,
    });
    expect((await started).run.state).toBe('Cancelled');
  });
});

describe('crashed runs and the in-process worker', () => {
  it('marks Crashed a run whose process stopped beating; a retry resumes it from the crashed step', async () => {
    let clock = Date.now();
    const { deps, store } = await kit(flows, { queue: new InProcessQueue(), now: () => clock });
    // A process took the run, completed `load`, started `train`, and died.
    const created = await store.createRun({ flow: 'sum' });
    const claimed = (await store.claimRun(created.id, 'dead-host:9', clock))!;
    await store.setRunState(created.id, claimed, 'Running');
    await store.recordStep(created.id, claimed, {
      name: 'load',
      state: 'Completed',
      attempt: 1,
      output: [10, 20],
    });
    await store.recordStep(created.id, claimed, { name: 'train', state: 'Running', attempt: 1 });
    clock += 1000;
    const worker = new PipelineWorker(deps);
    await worker.sweepCrashed();
    expect(await store.getRun(created.id)).toMatchObject({
      state: 'Crashed',
      failedStep: 'train',
      error: { code: 'PIPELINE_RUN_CRASHED' },
    });
    const crashLine = (await store.listLogs(created.id)).at(-1)!;
    expect(crashLine).toMatchObject({ level: 'error', step: 'train' });
    expect(crashLine.message).toContain('dead-host:9 stopped heart-beating');
    const { run } = await retryPipelineRun(deps, created.id);
    expect(run).toMatchObject({ state: 'Completed', attempt: 2, worker: 'test-host:1' });
    expect(calls).toEqual(['train']);
    expect((await store.listSteps(created.id)).find((s) => s.name === 'report')?.output).toBe('sum=30');
  });

  it('runs queued runs one after another in the embedded deployment', async () => {
    const queue = new InProcessQueue();
    const { deps, store } = await kit(flows, { queue });
    const worker = new PipelineWorker(deps, { concurrency: 1 });
    await worker.start();
    const first = await startPipelineRun(deps, 'sum', { numbers: [1] }, { queue: true });
    const second = await startPipelineRun(deps, 'sum', { numbers: [2] }, { queue: true });
    expect(first.run.state).toBe('Scheduled');
    expect(first.result).toBeUndefined();
    const done = await eventually(async () => {
      const runs = await Promise.all([store.getRun(first.run.id), store.getRun(second.run.id)]);
      return runs.every((r) => r.state === 'Completed') ? runs : undefined;
    });
    expect(done.map((r) => r.attempt)).toEqual([1, 1]);
    await worker.stop();
  });

  it('cancels a queued run before a worker takes it', async () => {
    const queue = new InProcessQueue();
    const { deps, store } = await kit(flows, { queue });
    const { run } = await startPipelineRun(deps, 'sum', {}, { queue: true });
    expect(await cancelPipelineRun(deps, run.id)).toMatchObject({ state: 'Cancelled' });
    const worker = new PipelineWorker(deps);
    await worker.start();
    await worker.stop();
    expect(calls).toEqual([]);
    expect((await store.getRun(run.id)).state).toBe('Cancelled');
  });

  it('does not stack a scheduled run behind an unfinished run of the same flow', async () => {
    const { deps, store, warnings } = await kit(flows, { queue: new InProcessQueue() });
    const [schedule] = parseSchedules([{ flow: 'sum', intervalSeconds: 60, params: { numbers: [7] } }]);
    const first = await fireSchedule(deps, schedule!, Date.parse('2026-06-01T00:01:00Z'));
    expect(first).toMatchObject({ state: 'Scheduled', params: { numbers: [7] } });
    expect((await store.listLogs(first!.id))[0]!.message).toBe(
      'scheduled by sum@every 60s for 2026-06-01T00:01:00.000Z',
    );
    expect(await fireSchedule(deps, schedule!, Date.parse('2026-06-01T00:02:00Z'))).toBeUndefined();
    expect(warnings).toEqual([
      `schedule sum@every 60s: skipped 2026-06-01T00:02:00.000Z: run ${first!.id} of sum is Scheduled`,
    ]);
    expect((await store.listRuns({ flow: 'sum' })).items).toHaveLength(1);
  });
});
