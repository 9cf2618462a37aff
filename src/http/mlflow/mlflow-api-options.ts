import type { ArtifactStore } from '../../ports/artifact-store.js';
import type { ModelRegistry } from '../../ports/model-registry.js';
import type { TrackingStore } from '../../ports/tracking-store.js';

/**
 * What the MLflow-compatible API serves. `artifacts` is the store at the artifact root: each run's
 * (and model version's) files are reached as a child of it, and every artifact location the API
 * accepts or reads must lie under its `rootUri`.
 *
 * @example
 * await app.register(mlflowApi, { tracking, registry, artifacts });
 */
export interface MlflowApiOptions {
  readonly tracking: TrackingStore;
  readonly registry: ModelRegistry;
  readonly artifacts: ArtifactStore;
}
