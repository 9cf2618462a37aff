import { AmlopsError } from '../core/errors/index.js';
import { detectCrashedRuns } from './detect-crashed-runs.js';
import { executePipelineRun } from './execute-pipeline-run.js';
import type { PipelineDeps } from './pipeline-deps.js';

/**
 * Runs queued flows: takes jobs from the queue (at most `concurrency` at once) and executes their
 * runs, and every heartbeat looks for runs whose worker died, marks them Crashed and requeues
 * them. Used by `amlops worker` (pg-boss) and by `amlops up` (in-process queue).
 *
 * @example
 * const worker = new PipelineWorker(deps, { concurrency: 2 });
 * await worker.start();
 * process.once('SIGTERM', () => void worker.stop());
 */
export class PipelineWorker {
  readonly #deps: PipelineDeps;
  readonly #concurrency: number;
  #sweep: ReturnType<typeof setInterval> | undefined;
  #sweeping = false;

  constructor(deps: PipelineDeps, options: { concurrency?: number } = {}) {
    if (!deps.queue) throw new AmlopsError('QUEUE_UNAVAILABLE', 'a pipeline worker needs a job queue');
    this.#deps = deps;
    this.#concurrency = options.concurrency ?? 1;
  }

  async start(): Promise<void> {
    const deps = this.#deps;
    await this.sweepCrashed();
    await deps.queue!.work(
      async (job) => {
        await executePipelineRun(deps, job.runId);
      },
      { concurrency: this.#concurrency },
    );
    this.#sweep = setInterval(() => void this.sweepCrashed(), deps.timing.heartbeatMs);
    this.#sweep.unref?.();
  }

  /** One look for crashed runs (also run every heartbeat once started). */
  async sweepCrashed(): Promise<void> {
    if (this.#sweeping) return;
    this.#sweeping = true;
    try {
      for (const run of await detectCrashedRuns(this.#deps))
        this.#deps.warn(`pipeline run ${run.id} (${run.flow}) crashed: ${run.error?.message}`);
    } catch (error) {
      this.#deps.warn(`looking for crashed pipeline runs failed: ${(error as Error)?.message}`);
    } finally {
      this.#sweeping = false;
    }
  }

  /** Stops taking jobs and waits for the runs in progress to end. */
  async stop(): Promise<void> {
    if (this.#sweep) clearInterval(this.#sweep);
    await this.#deps.queue!.stop();
  }
}
