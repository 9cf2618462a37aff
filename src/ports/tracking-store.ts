import type {
  Experiment,
  Metric,
  OrderBy,
  Param,
  Run,
  RunInfo,
  RunStatus,
  SearchFilter,
  Tag,
  ViewType,
} from '../core/tracking/index.js';
import type { Page } from './page.js';

/** Arguments of {@link TrackingStore.createExperiment}. */
export interface CreateExperimentInput {
  readonly name: string;
  /** Defaults to `<artifact root>/<experiment id>`. Checked: no traversal, no query or fragment. */
  readonly artifactLocation?: string;
  readonly tags?: readonly Tag[];
}

/** Arguments of {@link TrackingStore.createRun}. */
export interface CreateRunInput {
  readonly experimentId: string;
  readonly userId?: string;
  readonly runName?: string;
  /** Milliseconds since the epoch; defaults to the store's clock. */
  readonly startTime?: number;
  readonly tags?: readonly Tag[];
}

/** Arguments of {@link TrackingStore.updateRun}; absent fields are left as they are. */
export interface UpdateRunInput {
  readonly status?: RunStatus;
  readonly endTime?: number;
  readonly runName?: string;
}

/** A search over runs; the filter and ordering are parsed already (`parseSearchFilter`, `parseOrderBy`). */
export interface SearchRunsInput {
  readonly experimentIds: readonly string[];
  readonly filter?: SearchFilter;
  readonly viewType?: ViewType;
  /** 1..50000, default 1000. */
  readonly maxResults?: number;
  /** Default: start time descending, then run id. */
  readonly orderBy?: readonly OrderBy[];
  readonly pageToken?: string;
}

/** A search over experiments. */
export interface SearchExperimentsInput {
  readonly filter?: SearchFilter;
  readonly viewType?: ViewType;
  readonly maxResults?: number;
  readonly orderBy?: readonly OrderBy[];
  readonly pageToken?: string;
}

/** What {@link TrackingStore.logBatch} writes, all or nothing. */
export interface LogBatchInput {
  readonly metrics?: readonly Metric[];
  readonly params?: readonly Param[];
  readonly tags?: readonly Tag[];
}

/**
 * Experiments and runs: what MLflow's tracking server keeps. Every method is async and throws
 * AmlopsError: `NOT_FOUND`, `RESOURCE_ALREADY_EXISTS` (a name taken), `INVALID_STATE` (writing to a
 * deleted run, a param logged again with another value), `USAGE` (a value MLflow would refuse).
 */
export interface TrackingStore {
  createExperiment(input: CreateExperimentInput): Promise<string>;
  getExperiment(experimentId: string): Promise<Experiment>;
  /** Null when there is no experiment of that name (MLflow answers 404; the caller decides). */
  getExperimentByName(name: string): Promise<Experiment | null>;
  searchExperiments(input?: SearchExperimentsInput): Promise<Page<Experiment>>;
  renameExperiment(experimentId: string, newName: string): Promise<void>;
  /** Soft delete: the experiment and its runs become `deleted` and can be restored. */
  deleteExperiment(experimentId: string): Promise<void>;
  restoreExperiment(experimentId: string): Promise<void>;
  setExperimentTag(experimentId: string, tag: Tag): Promise<void>;

  createRun(input: CreateRunInput): Promise<Run>;
  getRun(runId: string): Promise<Run>;
  updateRun(runId: string, input: UpdateRunInput): Promise<RunInfo>;
  deleteRun(runId: string): Promise<void>;
  restoreRun(runId: string): Promise<void>;
  logMetric(runId: string, metric: Metric): Promise<void>;
  /** Written once: the same key again with the same value is a no-op, with another value INVALID_STATE. */
  logParam(runId: string, param: Param): Promise<void>;
  setTag(runId: string, tag: Tag): Promise<void>;
  deleteTag(runId: string, key: string): Promise<void>;
  /** Atomic; refuses batches over MLflow's limits (1000 metrics, 100 params + tags, 1000 in all). */
  logBatch(runId: string, input: LogBatchInput): Promise<void>;
  searchRuns(input: SearchRunsInput): Promise<Page<Run>>;
  /** Every measurement of one metric, in step then timestamp order. */
  getMetricHistory(runId: string, key: string): Promise<Metric[]>;

  close(): Promise<void>;
}
