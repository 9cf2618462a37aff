import { isAmlopsError } from '../core/errors/index.js';
import type { PipelineState } from '../core/pipeline-runs/index.js';
import type { FlowRecorder } from './flow-recorder.js';
import type { FlowStep, StepContext } from './flow-step.js';

export interface RunFlowOptions {
  readonly recorder: FlowRecorder;
  /** Outputs of steps completed by an earlier attempt of this run: those steps are skipped. */
  readonly completed?: Readonly<Record<string, unknown>>;
  readonly signal?: AbortSignal;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface FlowResult {
  readonly state: PipelineState;
  readonly outputs: Record<string, unknown>;
  readonly failedStep?: string;
  readonly error?: { code: string; message: string };
}

class StepTimeout extends Error {}

const defaultSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

function describe(error: unknown): { code: string; message: string } {
  if (isAmlopsError(error)) return { code: error.code, message: error.message };
  if (error instanceof StepTimeout) return { code: 'TIMED_OUT', message: error.message };
  return { code: 'INTERNAL', message: (error as Error)?.message ?? String(error) };
}

async function attemptStep(step: FlowStep, context: StepContext, parent: AbortSignal): Promise<unknown> {
  const controller = new AbortController();
  const abort = (): void => controller.abort(parent.reason);
  parent.addEventListener('abort', abort);
  let timer: NodeJS.Timeout | undefined;
  try {
    const work = step.run({ ...context, signal: controller.signal });
    if (!step.timeoutMs) return await work;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const timedOut = new StepTimeout(`step ${step.name} timed out after ${step.timeoutMs} ms`);
        // Reject before aborting: a step that resolves on abort must not win the race.
        reject(timedOut);
        controller.abort(timedOut);
      }, step.timeoutMs);
    });
    return await Promise.race([work, timeout]);
  } finally {
    if (timer) clearTimeout(timer);
    parent.removeEventListener('abort', abort);
  }
}

/**
 * Runs the steps of a flow in order, with each step's retries (exponential backoff) and timeout,
 * recording every state change. Steps listed in `completed` are skipped and their recorded output
 * reused, which is how a failed run is retried from its failed step. A bad-input error
 * (an AmlopsError other than INTERNAL / STORE_UNAVAILABLE) is not retried: it would fail again.
 *
 * @example
 * const result = await runFlow([{ name: 'load', run: async () => 42 }], { recorder });
 * result.state; // 'Completed'
 */
export async function runFlow(steps: readonly FlowStep[], options: RunFlowOptions): Promise<FlowResult> {
  const { recorder } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const signal = options.signal ?? new AbortController().signal;
  const outputs: Record<string, unknown> = { ...options.completed };
  await recorder.runState('Running');
  for (const step of steps) {
    if (Object.hasOwn(options.completed ?? {}, step.name)) continue;
    const maxAttempts = 1 + (step.retries ?? 0);
    for (let attempt = 1; ; attempt++) {
      if (signal.aborted) {
        await recorder.step({ name: step.name, state: 'Cancelled', attempt });
        await recorder.runState('Cancelled');
        return { state: 'Cancelled', outputs, failedStep: step.name };
      }
      const startedAt = now();
      await recorder.step({ name: step.name, state: 'Running', attempt, startedAt });
      const context: StepContext = {
        outputs,
        attempt,
        signal,
        log: (message, fields) => void recorder.log(step.name, 'info', message, fields),
      };
      try {
        const output = await attemptStep(step, context, signal);
        outputs[step.name] = output;
        await recorder.step({
          name: step.name,
          state: 'Completed',
          attempt,
          startedAt,
          endedAt: now(),
          output,
        });
        break;
      } catch (error) {
        const endedAt = now();
        const described = describe(error);
        if (signal.aborted && !(error instanceof StepTimeout)) {
          await recorder.step({ name: step.name, state: 'Cancelled', attempt, startedAt, endedAt });
          await recorder.runState('Cancelled');
          return { state: 'Cancelled', outputs, failedStep: step.name };
        }
        const retriable = !isAmlopsError(error) || ['INTERNAL', 'STORE_UNAVAILABLE'].includes(error.code);
        const state: PipelineState = error instanceof StepTimeout ? 'TimedOut' : 'Failed';
        await recorder.log(step.name, 'error', described.message, { code: described.code, attempt });
        if (retriable && attempt < maxAttempts) {
          await recorder.step({
            name: step.name,
            state: 'Retrying',
            attempt,
            startedAt,
            endedAt,
            error: described,
          });
          await sleep((step.retryDelayMs ?? 1000) * 2 ** (attempt - 1), signal);
          continue;
        }
        await recorder.step({ name: step.name, state, attempt, startedAt, endedAt, error: described });
        await recorder.runState(state, described);
        return { state, outputs, failedStep: step.name, error: described };
      }
    }
  }
  await recorder.runState('Completed');
  return { state: 'Completed', outputs };
}
