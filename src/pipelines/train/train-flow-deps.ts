import type { Config } from '../../config/index.js';
import type { RawTable } from '../../core/dataset/index.js';
import type { TrainingBackend } from '../../core/gbdt/index.js';
import type { SearchExecutorFactory, SearchProgress } from '../../core/search/index.js';
import type { ArtifactStore } from '../../ports/artifact-store.js';
import type { CaseStore } from '../../ports/case-store.js';
import type { ModelRegistry } from '../../ports/model-registry.js';
import type { QualityReportStore } from '../../ports/quality-report-store.js';
import type { TrackingStore } from '../../ports/tracking-store.js';
import type { AlertServiceDeps } from '../../services/alert-service.js';

/** What the training flow needs from the world, injected by the composition root. */
export interface TrainFlowDeps {
  readonly config: Config;
  readonly readTable: (source: string) => Promise<RawTable>;
  readonly tracking: TrackingStore;
  readonly registry: ModelRegistry;
  /** The analysts' concluded cases, for a training `fromCases`. */
  readonly cases?: Pick<CaseStore, 'concluded'>;
  /** Where the training's quality report and `metrics_summary` row are stored. */
  readonly quality: QualityReportStore;
  /** Alert rules and where their notifications go; without it no rule is evaluated. */
  readonly alerts?: AlertServiceDeps;
  /** The artifact store at an artifact URI (a run's artifact location, a version's source). */
  readonly openArtifacts: (uri: string) => ArtifactStore;
  /** Runs the search's (candidate, fold) tasks, e.g. on worker threads. */
  readonly searchExecutor: SearchExecutorFactory;
  /** Where the row work of a single fit runs (worker threads for large data). */
  readonly trainingBackend?: TrainingBackend;
  /** Monotonic seconds. */
  readonly clock: () => number;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** Who is recorded as promoting a version (default `pipeline:train`). */
  readonly actor?: string;
  readonly onCandidate?: (progress: SearchProgress) => void;
}
