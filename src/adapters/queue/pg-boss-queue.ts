import PgBoss from 'pg-boss';
import { AmlopsError, errorReason } from '../../core/errors/index.js';
import type { JobHandler, JobQueue, PipelineJob } from '../../ports/job-queue.js';
import { postgresLocation } from '../sql/postgres-failure.js';

/** The pg-boss queue all pipeline runs go through. */
export const PIPELINE_QUEUE = 'amlops-pipelines';

/** Options of {@link PgBossQueue.open}. */
export interface PgBossQueueOptions {
  /** How often an idle worker asks for a job (pg-boss: at least 0.5 s). */
  readonly pollSeconds?: number;
  /** How many times a job whose worker died (or whose handler rejected) is handed out again. */
  readonly crashRetries?: number;
  /**
   * Backstop for a job whose worker died with no live worker to notice: pg-boss hands it out
   * again after this long (below pg-boss's 24-hour limit). Live workers requeue crashed runs sooner.
   */
  readonly expireSeconds?: number;
  readonly onError?: (error: Error) => void;
}

/**
 * The job queue of the scale-out deployment: pg-boss (v10) in the `pgboss` schema of the
 * PostgreSQL store, so that any number of `amlops worker`s on any machine share it. The job id is
 * the pipeline run's id. A job is retried by pg-boss only when its worker died or its handler
 * rejected (the flow's own retries happen inside the run): `requeue` fails the active job, which
 * pg-boss turns into a retry.
 *
 * @example
 * const queue = await PgBossQueue.open('postgres://amlops@db/amlops');
 * await queue.enqueue({ runId: run.id, flow: 'train' });
 * await queue.stop();
 */
export class PgBossQueue implements JobQueue {
  readonly #boss: PgBoss;
  readonly #pollSeconds: number;
  readonly #workers: string[] = [];
  #stopping: Promise<void> | undefined;

  private constructor(boss: PgBoss, pollSeconds: number) {
    this.#boss = boss;
    this.#pollSeconds = pollSeconds;
  }

  /** Connects, installs or upgrades pg-boss's schema, and creates the pipeline queue. QUEUE_UNAVAILABLE on failure. */
  static async open(url: string, options: PgBossQueueOptions = {}): Promise<PgBossQueue> {
    if (!/^postgres(ql)?:\/\//i.test(url))
      throw new AmlopsError(
        'QUEUE_UNAVAILABLE',
        'the job queue needs the PostgreSQL store: set DATABASE_URL=postgres://…; the embedded SQLite deployment runs pipelines in-process',
      );
    const boss = new PgBoss({ connectionString: url, max: 4, schedule: false, application_name: 'amlops' });
    boss.on('error', options.onError ?? (() => {}));
    try {
      await boss.start();
      await boss.createQueue(PIPELINE_QUEUE, {
        name: PIPELINE_QUEUE,
        retryLimit: options.crashRetries ?? 3,
        retryDelay: 0,
        expireInSeconds: options.expireSeconds ?? 23 * 3600,
      });
    } catch (error) {
      await boss.stop({ graceful: false, wait: true }).catch(() => {});
      throw new AmlopsError(
        'QUEUE_UNAVAILABLE',
        `cannot open the job queue on ${postgresLocation(url)}: ${errorReason(error)}`,
        undefined,
        {
          cause: error,
        },
      );
    }
    return new PgBossQueue(boss, options.pollSeconds ?? 2);
  }

  async enqueue(job: PipelineJob): Promise<void> {
    const data = { runId: job.runId, flow: job.flow };
    if (await this.#boss.send(PIPELINE_QUEUE, data, { id: job.runId })) return;
    // The run had a job already (it is being retried): unless that job is still waiting or
    // running, replace it, since pg-boss keeps ended jobs under their id for a while.
    const existing = await this.#boss.getJobById(PIPELINE_QUEUE, job.runId);
    if (existing && ['created', 'retry', 'active'].includes(existing.state)) return;
    await this.#boss.deleteJob(PIPELINE_QUEUE, job.runId);
    if (!(await this.#boss.send(PIPELINE_QUEUE, data, { id: job.runId })))
      throw new AmlopsError('QUEUE_UNAVAILABLE', `could not queue pipeline run ${job.runId}`);
  }

  async work(handler: JobHandler, options: { readonly concurrency: number }): Promise<void> {
    // pg-boss v10 has no team size: each `work` call is one polling worker taking one job at a time.
    for (let i = 0; i < Math.max(1, options.concurrency); i++) {
      const id = await this.#boss.work<PipelineJob>(
        PIPELINE_QUEUE,
        { pollingIntervalSeconds: this.#pollSeconds, batchSize: 1 },
        async ([job]) => {
          if (job) await handler({ runId: job.data.runId, flow: job.data.flow });
        },
      );
      this.#workers.push(id);
    }
  }

  async requeue(runId: string): Promise<boolean> {
    const before = await this.#boss.getJobById(PIPELINE_QUEUE, runId);
    if (before?.state !== 'active') return false;
    await this.#boss.fail(PIPELINE_QUEUE, runId, { message: 'its worker stopped heart-beating' });
    const after = await this.#boss.getJobById(PIPELINE_QUEUE, runId);
    // `retry`, or already taken again by a polling worker (`active`, even `completed`): only
    // `failed` (its retries used up) means it will not run again.
    return after !== null && after.state !== 'failed';
  }

  async stop(): Promise<void> {
    // A second call waits for the same stop.
    this.#stopping ??= this.#boss.stop({
      graceful: true,
      wait: true,
      // No limit: pg-boss's own graceful stop gives up after `timeout` and fails the jobs still
      // being handled, which another worker would then take while this one still runs them.
      timeout: Number.POSITIVE_INFINITY,
    });
    await this.#stopping;
  }
}
