/** A queued pipeline run: the job id is the run id. */
export interface PipelineJob {
  readonly runId: string;
  readonly flow: string;
}

/** Called for each job a worker takes; a rejection hands the job back to the queue's retries. */
export type JobHandler = (job: PipelineJob) => Promise<void>;

/**
 * Where pipeline runs wait for a worker: pg-boss on PostgreSQL (many workers, many machines) or
 * an in-process queue (the embedded deployment). A job is given to one worker at a time; a job
 * whose worker died comes back through `requeue` (or the queue's own expiry).
 * test/contracts/job-queue.contract.ts pins these promises on every adapter.
 */
export interface JobQueue {
  /**
   * Queues a run's job; jobs are handed out oldest first. A run whose job still waits or is being
   * handled is not queued twice; once its job ended, the run can be queued again (a retry).
   */
  enqueue(job: PipelineJob): Promise<void>;
  /** Starts handing jobs to `handler`, at most `concurrency` at once, until `stop`. */
  work(handler: JobHandler, options: { readonly concurrency: number }): Promise<void>;
  /**
   * Puts the job of a crashed run back in the queue for another worker; false when the queue does
   * not hold it or its retries are spent.
   */
  requeue(runId: string): Promise<boolean>;
  /**
   * Stops taking jobs and waits for the ones being handled, however long they take (a second call
   * waits too). Jobs still waiting stay queued for other workers, when the queue has any.
   */
  stop(): Promise<void>;
}
