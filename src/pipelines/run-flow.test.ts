import { describe, expect, it } from 'vitest';
import { AmlopsError } from '../core/errors/index.js';
import type { PipelineState, StepRecord } from '../core/pipeline-runs/index.js';
import type { FlowRecorder } from './flow-recorder.js';
import { runFlow } from './run-flow.js';

function recorder() {
  const runStates: PipelineState[] = [];
  const steps: StepRecord[] = [];
  const logs: string[] = [];
  const rec: FlowRecorder = {
    runState: async (state) => void runStates.push(state),
    step: async (record) => void steps.push(record),
    log: async (step, level, message) => void logs.push(`${step} ${level} ${message}`),
  };
  return { rec, runStates, steps, logs };
}

const noSleep = async (): Promise<void> => {};

describe('runFlow', () => {
  it('runs steps in order, passing outputs forward', async () => {
    const r = recorder();
    const result = await runFlow(
      [
        { name: 'load', run: async () => [1, 2, 3] },
        { name: 'sum', run: async ({ outputs }) => (outputs.load as number[]).reduce((a, b) => a + b) },
      ],
      { recorder: r.rec },
    );
    expect(result).toMatchObject({ state: 'Completed', outputs: { load: [1, 2, 3], sum: 6 } });
    expect(r.runStates).toEqual(['Running', 'Completed']);
    expect(r.steps.map((s) => `${s.name}:${s.state}`)).toEqual([
      'load:Running',
      'load:Completed',
      'sum:Running',
      'sum:Completed',
    ]);
  });

  it('retries a failing step with exponential backoff, then succeeds', async () => {
    const r = recorder();
    const delays: number[] = [];
    let calls = 0;
    const result = await runFlow(
      [
        {
          name: 'flaky',
          retries: 3,
          retryDelayMs: 100,
          run: async () => {
            calls++;
            if (calls < 3) throw new Error('connection reset');
            return 'ok';
          },
        },
      ],
      { recorder: r.rec, sleep: async (ms) => void delays.push(ms) },
    );
    expect(result.state).toBe('Completed');
    expect(delays).toEqual([100, 200]);
    expect(r.steps.filter((s) => s.state === 'Retrying').map((s) => s.attempt)).toEqual([1, 2]);
  });

  it('fails at the step with bad input without retrying it, and records the message', async () => {
    const r = recorder();
    let calls = 0;
    const result = await runFlow(
      [
        {
          name: 'validate',
          retries: 3,
          run: async () => {
            calls++;
            throw new AmlopsError('DATA_INVALID', 'the dataset has no positive case');
          },
        },
        { name: 'never', run: async () => 'unreachable' },
      ],
      { recorder: r.rec, sleep: noSleep },
    );
    expect(calls).toBe(1);
    expect(result).toMatchObject({
      state: 'Failed',
      failedStep: 'validate',
      error: { code: 'DATA_INVALID', message: 'the dataset has no positive case' },
    });
    expect(r.runStates).toEqual(['Running', 'Failed']);
    expect(r.steps.some((s) => s.name === 'never')).toBe(false);
  });

  it('times a step out', async () => {
    const r = recorder();
    const result = await runFlow(
      [
        {
          name: 'slow',
          timeoutMs: 20,
          run: ({ signal }) => new Promise((res) => signal.addEventListener('abort', res)),
        },
      ],
      { recorder: r.rec },
    );
    expect(result.state).toBe('TimedOut');
    expect(result.error?.message).toContain('timed out after 20 ms');
  });

  it('resumes from the failed step, reusing the outputs recorded before it', async () => {
    const r = recorder();
    let loads = 0;
    const steps = [
      { name: 'load', run: async () => ++loads },
      {
        name: 'train',
        run: async ({ outputs }: { outputs: Record<string, unknown> }) => `model@${outputs.load}`,
      },
    ];
    const result = await runFlow(steps, { recorder: r.rec, completed: { load: 41 } });
    expect(loads).toBe(0);
    expect(result.outputs.train).toBe('model@41');
  });

  it('stops with Cancelled when cancelled', async () => {
    const r = recorder();
    const controller = new AbortController();
    const result = await runFlow(
      [
        { name: 'first', run: async () => controller.abort() },
        { name: 'second', run: async () => 'not run' },
      ],
      { recorder: r.rec, signal: controller.signal },
    );
    expect(result.state).toBe('Cancelled');
    expect(result.outputs.second).toBeUndefined();
    expect(r.runStates.at(-1)).toBe('Cancelled');
  });
});
