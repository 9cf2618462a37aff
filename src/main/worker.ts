import { hostname } from 'node:os';
import { InProcessQueue } from '../adapters/queue/in-process-queue.js';
import { PgBossQueue } from '../adapters/queue/pg-boss-queue.js';
import { openSqlDatabase } from '../adapters/sql/open-sql-database.js';
import { openPipelineRunStore } from '../adapters/sql/pipeline-runs-open.js';
import { SqlModelRegistry } from '../adapters/sql/sql-model-registry.js';
import { artifactRootOf, type Config, databaseUrlOf } from '../config/index.js';
import { configuredSchedules } from '../pipelines/configured-schedules.js';
import { fireSchedule } from '../pipelines/fire-schedule.js';
import type { FlowRegistry } from '../pipelines/flow-registry.js';
import type { OpenPipelines } from '../pipelines/open-pipelines.js';
import { heartbeatTimingOf, type PipelineDeps } from '../pipelines/pipeline-deps.js';
import { PipelineWorker } from '../pipelines/pipeline-worker.js';
import { requeueScheduledRuns } from '../pipelines/requeue-scheduled-runs.js';
import { Scheduler } from '../pipelines/scheduler.js';
import { type SchedulerClock, systemSchedulerClock } from '../pipelines/scheduler-clock.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { PipelineRunStore } from '../ports/pipeline-run-store.js';

/** The settings of pipelines, read from the configuration. */
type PipelineConfig = Pick<
  Config,
  | 'home'
  | 'store.databaseUrl'
  | 'artifacts.uri'
  | 'pipelines.heartbeatSeconds'
  | 'pipelines.crashAfterSeconds'
  | 'pipelines.pollSeconds'
  | 'pipelines.crashRetries'
  | 'pipelines.schedules'
> &
  Partial<Pick<Config, 'monitoring.intervalMinutes'>>;

/** Which queue the pipeline services get: none (runs execute in the caller), pg-boss, or in-process. */
export type QueueKind = 'none' | 'pg-boss' | 'in-process';

/**
 * Opens the pipeline-run store (and the queue asked for) and assembles the pipeline services'
 * dependencies. `pg-boss` needs a `postgres://` store: QUEUE_UNAVAILABLE otherwise.
 *
 * @example
 * const { deps, close } = await openPipelines(config, { cwd, flows: registeredFlows(), queue: 'none' });
 * await startPipelineRun(deps, 'train', {});
 * await close();
 */
export async function openPipelines(
  config: PipelineConfig,
  options: { cwd: string; flows: FlowRegistry; queue: QueueKind; warn?: (message: string) => void },
): Promise<OpenPipelines> {
  const databaseUrl = databaseUrlOf(config, options.cwd);
  const warn = options.warn ?? ((message: string) => process.stderr.write(`warning: ${message}\n`));
  let queue: JobQueue | undefined;
  if (options.queue === 'pg-boss')
    queue = await PgBossQueue.open(databaseUrl, {
      pollSeconds: config['pipelines.pollSeconds'],
      crashRetries: config['pipelines.crashRetries'],
      onError: (error) => warn(`job queue: ${error.message}`),
    });
  else if (options.queue === 'in-process')
    queue = new InProcessQueue({
      onError: (job, error) => warn(`pipeline run ${job.runId}: ${(error as Error)?.message}`),
    });
  let store: PipelineRunStore | undefined;
  let registry: SqlModelRegistry;
  try {
    store = await openPipelineRunStore(databaseUrl);
    // Only to mark failed what a crashed run left pending: no artifact is opened through it.
    const database = await openSqlDatabase(databaseUrl);
    registry = await SqlModelRegistry.open(database, {
      artifactRoot: artifactRootOf(config, options.cwd),
      openArtifacts: (uri) => {
        throw new Error(`the pipelines' registry opens no artifacts (${uri})`);
      },
    }).finally(() => database.close());
  } catch (error) {
    await store?.close();
    await queue?.stop();
    throw error;
  }
  const opened = store;
  const deps: PipelineDeps = {
    store: opened,
    flows: options.flows,
    registry,
    ...(queue ? { queue } : {}),
    worker: `${hostname()}:${process.pid}`,
    now: Date.now,
    timing: heartbeatTimingOf(config),
    running: new Map(),
    warn,
  };
  return {
    deps,
    databaseUrl,
    async close() {
      await queue?.stop();
      await opened.close();
      await registry.close();
    },
  };
}

/**
 * Composition root of `amlops worker`: runs queued flows from pg-boss on the PostgreSQL store
 * until `stop`, and marks Crashed (and requeues) the runs of workers that died.
 *
 * @example
 * const worker = await runQueueWorker(config, { cwd, flows: registeredFlows(), concurrency: 2 });
 * process.once('SIGTERM', () => void worker.stop());
 */
export async function runQueueWorker(
  config: PipelineConfig,
  options: { cwd: string; flows: FlowRegistry; concurrency: number; warn?: (message: string) => void },
): Promise<OpenPipelines & { stop(): Promise<void> }> {
  const open = await openPipelines(config, { ...options, queue: 'pg-boss' });
  const worker = new PipelineWorker(open.deps, { concurrency: options.concurrency });
  try {
    await worker.start();
  } catch (error) {
    await open.close();
    throw error;
  }
  return {
    ...open,
    async stop() {
      await worker.stop();
      await open.close();
    },
  };
}

/**
 * What `amlops up` starts for pipelines: a worker in this process (on an in-process queue with
 * SQLite, on pg-boss with PostgreSQL), which also marks Crashed the runs of dead processes and, on
 * SQLite, takes every `pipelines.pollSeconds` the runs other processes queued in the store, and
 * the scheduler of `pipelines.schedules` (and of the `monitor` flow, every
 * `monitoring.intervalMinutes`), each firing queuing a run of its flow.
 *
 * @example
 * const pipelines = await startEmbeddedPipelines(config, { cwd, flows: registeredFlows() });
 * // … on shutdown:
 * await pipelines.stop();
 */
export async function startEmbeddedPipelines(
  config: PipelineConfig,
  options: { cwd: string; flows: FlowRegistry; clock?: SchedulerClock; warn?: (message: string) => void },
): Promise<OpenPipelines & { scheduler: Scheduler; stop(): Promise<void> }> {
  // On PostgreSQL the runs go through pg-boss, so that `amlops worker`s share them; on SQLite they
  // run here, and the runs an earlier process queued but never started are queued again.
  const shared = /^postgres(ql)?:\/\//i.test(databaseUrlOf(config, options.cwd));
  const open = await openPipelines(config, { ...options, queue: shared ? 'pg-boss' : 'in-process' });
  const { deps } = open;
  if (!shared) await requeueScheduledRuns(deps);
  const worker = new PipelineWorker(deps, { concurrency: 1 });
  await worker.start();
  // The other processes of this deployment (the API of the scoring workers) cannot reach the
  // in-process queue: the runs they start are Scheduled rows of the SQLite store, taken from there.
  let polling = false;
  const poll = shared
    ? undefined
    : setInterval(() => {
        if (polling) return;
        polling = true;
        requeueScheduledRuns(deps)
          .catch((error: Error) => deps.warn(`looking for queued pipeline runs failed: ${error?.message}`))
          .finally(() => {
            polling = false;
          });
      }, config['pipelines.pollSeconds'] * 1000);
  poll?.unref();
  const scheduler = new Scheduler(configuredSchedules(config, options.flows), {
    clock: options.clock ?? systemSchedulerClock,
    fire: async (schedule, dueAt) => {
      await fireSchedule(deps, schedule, dueAt);
    },
    onError: (schedule, error) => deps.warn(`schedule ${schedule.label}: ${(error as Error)?.message}`),
  });
  scheduler.start();
  return {
    ...open,
    scheduler,
    async stop() {
      scheduler.stop();
      clearInterval(poll);
      await worker.stop();
      await open.close();
    },
  };
}
