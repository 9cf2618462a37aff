import type { FlowStep } from '../flow-step.js';
import { dataSteps } from './data-steps.js';
import { modelSteps } from './model-steps.js';
import { recordSteps } from './record-steps.js';
import type { TrainFlowDeps } from './train-flow-deps.js';
import type { TrainFlowParams } from './train-flow-params.js';
import type { TrainScratch } from './train-scratch.js';

/** The steps of the training flow, in order (the original's Prefect flow, step by step). */
export const TRAIN_STEPS = [
  'load',
  'validate',
  'split',
  'search',
  'fit',
  'evaluate',
  'quality',
  'log',
  'register',
  'promote',
  'alerts',
] as const;

/** Retries of the steps that touch the outside world (files, stores); the others fail at once. */
export const STEP_RETRIES: Readonly<Record<string, number>> = {
  load: 2,
  log: 2,
  register: 2,
  promote: 2,
  alerts: 2,
};

/**
 * The training flow as named steps: load, validate, split, search, fit, evaluate, quality, log,
 * register, promote, alerts. Run it with `runFlow`; each step's JSON output is recorded on the pipeline run.
 *
 * @example
 * const result = await runFlow(trainFlow(deps, { data: 'cases.csv', preset: 'original', seed: 42, budgetSeconds: 60 }), { recorder });
 */
export function trainFlow(deps: TrainFlowDeps, params: TrainFlowParams): FlowStep[] {
  const scratch: TrainScratch = {};
  const data = dataSteps(deps, params, scratch);
  return [
    ...data,
    ...modelSteps(deps, params, scratch, data),
    ...recordSteps(deps, params, scratch, data),
  ].map(
    (step): FlowStep => ({
      ...step,
      retries: STEP_RETRIES[step.name] ?? 0,
      retryDelayMs: 1000,
      run: async (context) => {
        const trackingRunId = (context.outputs.log as { runId?: string } | undefined)?.runId;
        try {
          const output = await step.run(context);
          if (step.name === 'alerts' && trackingRunId)
            await deps.tracking.updateRun(trackingRunId, { status: 'FINISHED', endTime: deps.now() });
          return output;
        } catch (error) {
          // The tracking run records the failure too; a retry that succeeds marks it FINISHED.
          if (trackingRunId)
            await deps.tracking
              .updateRun(trackingRunId, { status: 'FAILED', endTime: deps.now() })
              .catch(() => {});
          throw error;
        }
      },
    }),
  );
}
