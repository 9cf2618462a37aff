import type { PipelineSchedule } from '../core/schedule/index.js';
import type { PipelineRun } from '../ports/pipeline-run-store.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { startPipelineRun } from './start-pipeline-run.js';

const UNENDED = ['Scheduled', 'Pending', 'Running', 'Retrying'] as const;

/**
 * What a schedule does when it fires: queues a run of its flow with its parameters, noting the
 * schedule in the run's log, unless a run of that flow has not ended yet (a training that outlasts
 * its interval is not stacked up behind itself); then it returns undefined and warns.
 *
 * @example
 * const scheduler = new Scheduler(schedules, { clock, fire: (s, at) => fireSchedule(deps, s, at).then(() => {}) });
 */
export async function fireSchedule(
  deps: PipelineDeps,
  schedule: PipelineSchedule,
  dueAt: number,
): Promise<PipelineRun | undefined> {
  const due = new Date(dueAt).toISOString();
  const { items } = await deps.store.listRuns({ flow: schedule.flow, states: [...UNENDED], maxResults: 1 });
  if (items[0]) {
    deps.warn(
      `schedule ${schedule.label}: skipped ${due}: run ${items[0].id} of ${schedule.flow} is ${items[0].state}`,
    );
    return undefined;
  }
  const { run } = await startPipelineRun(deps, schedule.flow, schedule.params, { queue: true });
  await deps.store.appendLog(run.id, {
    time: deps.now(),
    step: '',
    level: 'info',
    message: `scheduled by ${schedule.label} for ${due}`,
  });
  return run;
}
