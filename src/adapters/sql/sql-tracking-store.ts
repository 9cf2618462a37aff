import type { Experiment, Metric, Param, Run, RunInfo, Tag } from '../../core/tracking/index.js';
import type { Page } from '../../ports/page.js';
import type {
  CreateExperimentInput,
  CreateRunInput,
  LogBatchInput,
  SearchExperimentsInput,
  SearchRunsInput,
  TrackingStore,
  UpdateRunInput,
} from '../../ports/tracking-store.js';
import * as experiments from './experiments-sql.js';
import * as runData from './run-data-sql.js';
import * as runs from './runs-sql.js';
import type { SqlDatabase } from './sql-database.js';
import type { SqlStoreContext } from './sql-store-context.js';

/** Options of {@link SqlTrackingStore.open}. */
export interface SqlStoreOptions {
  /** Root URI of the artifact store: experiments get `<root>/<id>`. */
  readonly artifactRoot: string;
  readonly now?: () => number;
}

/**
 * The tracking store on SQLite or PostgreSQL: one class for both, each method one function of the
 * `*-sql.ts` modules.
 *
 * @example
 * const store = await SqlTrackingStore.open(await openSqlDatabase(url), { artifactRoot: 'file:///srv/artifacts' });
 * const id = await store.createExperiment({ name: 'consumers-laundering-model' });
 */
export class SqlTrackingStore implements TrackingStore {
  readonly #ctx: SqlStoreContext;
  readonly #database: SqlDatabase;

  private constructor(database: SqlDatabase, options: SqlStoreOptions) {
    this.#database = database;
    this.#ctx = {
      db: database.db,
      flavor: database.flavor,
      now: options.now ?? Date.now,
      artifactRoot: options.artifactRoot,
    };
  }

  /** Takes one reference to `database` (closed with the store) and makes sure experiment 0 exists. */
  static async open(database: SqlDatabase, options: SqlStoreOptions): Promise<SqlTrackingStore> {
    const store = new SqlTrackingStore(database, options);
    database.retain();
    await experiments.ensureDefaultExperiment(store.#ctx);
    return store;
  }

  createExperiment(input: CreateExperimentInput): Promise<string> {
    return experiments.createExperiment(this.#ctx, input);
  }
  getExperiment(experimentId: string): Promise<Experiment> {
    return experiments.getExperiment(this.#ctx, experimentId);
  }
  getExperimentByName(name: string): Promise<Experiment | null> {
    return experiments.getExperimentByName(this.#ctx, name);
  }
  searchExperiments(input?: SearchExperimentsInput): Promise<Page<Experiment>> {
    return experiments.searchExperiments(this.#ctx, input);
  }
  renameExperiment(experimentId: string, newName: string): Promise<void> {
    return experiments.renameExperiment(this.#ctx, experimentId, newName);
  }
  deleteExperiment(experimentId: string): Promise<void> {
    return experiments.setExperimentStage(this.#ctx, experimentId, 'deleted');
  }
  restoreExperiment(experimentId: string): Promise<void> {
    return experiments.setExperimentStage(this.#ctx, experimentId, 'active');
  }
  setExperimentTag(experimentId: string, tag: Tag): Promise<void> {
    return experiments.setExperimentTag(this.#ctx, experimentId, tag);
  }

  createRun(input: CreateRunInput): Promise<Run> {
    return runs.createRun(this.#ctx, input);
  }
  getRun(runId: string): Promise<Run> {
    return runs.getRun(this.#ctx, runId);
  }
  updateRun(runId: string, input: UpdateRunInput): Promise<RunInfo> {
    return runs.updateRun(this.#ctx, runId, input);
  }
  deleteRun(runId: string): Promise<void> {
    return runs.setRunStage(this.#ctx, runId, 'deleted');
  }
  restoreRun(runId: string): Promise<void> {
    return runs.setRunStage(this.#ctx, runId, 'active');
  }
  logMetric(runId: string, metric: Metric): Promise<void> {
    return runData.logBatch(this.#ctx, runId, { metrics: [metric] });
  }
  logParam(runId: string, param: Param): Promise<void> {
    return runData.logBatch(this.#ctx, runId, { params: [param] });
  }
  setTag(runId: string, tag: Tag): Promise<void> {
    return runData.logBatch(this.#ctx, runId, { tags: [tag] });
  }
  deleteTag(runId: string, key: string): Promise<void> {
    return runData.deleteTag(this.#ctx, runId, key);
  }
  logBatch(runId: string, input: LogBatchInput): Promise<void> {
    return runData.logBatch(this.#ctx, runId, input);
  }
  searchRuns(input: SearchRunsInput): Promise<Page<Run>> {
    return runs.searchRuns(this.#ctx, input);
  }
  getMetricHistory(runId: string, key: string): Promise<Metric[]> {
    return runData.getMetricHistory(this.#ctx, runId, key);
  }

  close(): Promise<void> {
    return this.#database.close();
  }
}
