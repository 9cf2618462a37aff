import { AmlopsError } from '../../core/errors/index.js';
import type { JobQueue } from '../../ports/job-queue.js';

/**
 * The queue of `amlops up`'s pipeline runner as another process of the embedded deployment sees it
 * (the API of a scoring worker): on the SQLite store the job is the run itself, recorded Scheduled,
 * which the runner finds within `pipelines.pollSeconds` (see `startEmbeddedPipelines`). Nothing is
 * sent, so `enqueue` only accepts; this process never works the queue.
 *
 * @example
 * const { run } = await startPipelineRun({ ...deps, queue: new EmbeddedRunnerQueue() }, 'train', params, { queue: true });
 */
export class EmbeddedRunnerQueue implements JobQueue {
  async enqueue(): Promise<void> {}

  async work(): Promise<void> {
    throw new AmlopsError(
      'QUEUE_UNAVAILABLE',
      "the runs of the embedded deployment are worked by `amlops up`'s own runner, not by this process",
    );
  }

  async requeue(): Promise<boolean> {
    // As with the in-process queue, a crashed run of the embedded deployment is retried by hand.
    return false;
  }

  async stop(): Promise<void> {}
}
