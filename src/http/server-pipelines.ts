import { hostname } from 'node:os';
import { EmbeddedRunnerQueue } from '../adapters/queue/embedded-runner-queue.js';
import { SqlPipelineRunStore } from '../adapters/sql/pipeline-runs-store.js';
import type { SqlDatabase } from '../adapters/sql/sql-database.js';
import type { Config } from '../config/index.js';
import { AmlopsError } from '../core/errors/index.js';
import { configuredSchedules } from '../pipelines/configured-schedules.js';
import type { FlowRegistry } from '../pipelines/flow-registry.js';
import { heartbeatTimingOf, type PipelineDeps } from '../pipelines/pipeline-deps.js';
import { registeredFlows } from '../pipelines/registered-flows.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { PlatformPipelines } from './platform/platform-pipelines.js';

/** What the server knows of the deployment's pipelines (given by `amlops serve` and `amlops up`). */
export interface ServerPipelinesOptions {
  /**
   * The flows runs can be started of, loaded on first use (their code costs every scoring process
   * memory). The server only checks names and parameters: it runs no flow, so opens nothing of theirs.
   */
  readonly flows: () => Promise<FlowRegistry>;
  /**
   * True under `amlops up`: its primary process runs the pipelines (on SQLite, taking the runs
   * queued in the store) and fires the schedules.
   */
  readonly startedByUp?: boolean;
}

type PipelinesConfig = Pick<
  Config,
  | 'pipelines.schedules'
  | 'pipelines.heartbeatSeconds'
  | 'pipelines.crashAfterSeconds'
  | 'pipelines.pollSeconds'
  | 'pipelines.crashRetries'
  | 'monitoring.intervalMinutes'
>;

const isPostgres = (url: string) => /^postgres(ql)?:\/\//i.test(url);

/**
 * The pipelines of amlops' API in a scoring server: the run store on the server's database, and
 * the queue a run started through the API goes to: pg-boss on PostgreSQL (opened on the first
 * start, for `amlops worker`s or `amlops up`), the store itself on SQLite under `amlops up` (its
 * runner polls it); none on SQLite under `amlops serve`, where no process would run it.
 *
 * @example
 * const pipelines = serverPipelines(config, database, databaseUrl, { flows: async () => flows });
 * await pipelines.close();
 */
export function serverPipelines(
  config: PipelinesConfig,
  database: SqlDatabase,
  databaseUrl: string,
  options: Partial<ServerPipelinesOptions> & { readonly warn?: (message: string) => void } = {},
): PlatformPipelines & { close(): Promise<void> } {
  const store = SqlPipelineRunStore.open(database);
  const warn = options.warn ?? (() => {});
  let flows: Promise<FlowRegistry> | undefined;
  const loadFlows = () => {
    flows ??= (options.flows ?? (async () => registeredFlows()))().catch((error: unknown) => {
      flows = undefined;
      throw error;
    });
    return flows;
  };
  let queue: Promise<JobQueue> | undefined;
  const openQueue = (): Promise<JobQueue> => {
    if (isPostgres(databaseUrl)) {
      // Loaded and connected on the first start only: most scoring processes never start a run.
      queue ??= import('../adapters/queue/pg-boss-queue.js')
        .then(({ PgBossQueue }) =>
          PgBossQueue.open(databaseUrl, {
            pollSeconds: config['pipelines.pollSeconds'],
            crashRetries: config['pipelines.crashRetries'],
            onError: (error) => warn(`job queue: ${error.message}`),
          }),
        )
        .catch((error: unknown) => {
          queue = undefined;
          throw error;
        });
      return queue;
    }
    if (options.startedByUp) return Promise.resolve(new EmbeddedRunnerQueue());
    throw new AmlopsError(
      'PIPELINE_START_UNAVAILABLE',
      'this server cannot start pipeline runs: with the SQLite store, runs started through the API are run by `amlops up`, and this server runs without it (`amlops serve`); run the flow with `amlops pipelines run FLOW`, serve with `amlops up`, or use the PostgreSQL store (DATABASE_URL=postgres://…) with `amlops worker`s',
    );
  };
  return {
    store,
    async deps(request = {}) {
      const deps: PipelineDeps = {
        store,
        flows: await loadFlows(),
        worker: `${hostname()}:${process.pid}`,
        now: Date.now,
        timing: heartbeatTimingOf(config),
        running: new Map(),
        warn,
      };
      return request.queue ? { ...deps, queue: await openQueue() } : deps;
    },
    async schedules() {
      return {
        schedules: configuredSchedules(config, await loadFlows()),
        fired: Boolean(options.startedByUp),
      };
    },
    async close() {
      const opened = queue;
      queue = undefined;
      await opened?.then((q) => q.stop()).catch(() => {});
      await store.close();
    },
  };
}
