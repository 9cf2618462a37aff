import type { JobHandler, JobQueue, PipelineJob } from '../../ports/job-queue.js';

/**
 * The job queue of the embedded deployment: jobs wait in memory and run in this process, at most
 * `concurrency` at once. Nothing survives the process; a run left unfinished by a dead process
 * is marked Crashed by the next start and can be retried (`amlops pipelines retry`). A run already
 * waiting or running here is not queued a second time.
 *
 * @example
 * const queue = new InProcessQueue();
 * await queue.work(async (job) => { await executePipelineRun(deps, job.runId); }, { concurrency: 1 });
 * await queue.enqueue({ runId, flow: 'train' });
 */
export class InProcessQueue implements JobQueue {
  readonly #waiting: PipelineJob[] = [];
  /** Runs waiting or being handled: a run queued again meanwhile (found Scheduled in the store) is not run twice. */
  readonly #held = new Set<string>();
  readonly #active = new Set<Promise<void>>();
  readonly #onError: (job: PipelineJob, error: unknown) => void;
  #handler: JobHandler | undefined;
  #concurrency = 1;
  #stopped = false;

  constructor(options: { onError?: (job: PipelineJob, error: unknown) => void } = {}) {
    this.#onError = options.onError ?? (() => {});
  }

  async enqueue(job: PipelineJob): Promise<void> {
    if (this.#held.has(job.runId)) return;
    this.#held.add(job.runId);
    this.#waiting.push(job);
    this.#pump();
  }

  async work(handler: JobHandler, options: { readonly concurrency: number }): Promise<void> {
    this.#handler = handler;
    this.#concurrency = Math.max(1, options.concurrency);
    this.#stopped = false;
    this.#pump();
  }

  async requeue(): Promise<boolean> {
    // A job of this queue cannot outlive its worker: both are this process.
    return false;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.allSettled([...this.#active]);
  }

  #pump(): void {
    const handler = this.#handler;
    while (handler && !this.#stopped && this.#active.size < this.#concurrency && this.#waiting.length > 0) {
      const job = this.#waiting.shift()!;
      const running: Promise<void> = handler(job)
        .catch((error: unknown) => this.#onError(job, error))
        .finally(() => {
          this.#active.delete(running);
          this.#held.delete(job.runId);
          this.#pump();
        });
      this.#active.add(running);
    }
  }
}
