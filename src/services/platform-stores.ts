import type { ArtifactStore } from '../ports/artifact-store.js';
import type { ModelRegistry } from '../ports/model-registry.js';
import type { TrackingStore } from '../ports/tracking-store.js';

/**
 * What the tracking and registry use cases work on: the two stores and the artifact store at the
 * artifact root (each run's or version's files are reached under it, never outside it).
 *
 * @example
 * const stores: PlatformStores = { tracking, registry, artifacts: openArtifactStore(resolveArtifactsUri()) };
 * await listExperiments(stores);
 */
export interface PlatformStores {
  readonly tracking: TrackingStore;
  readonly registry: ModelRegistry;
  readonly artifacts: ArtifactStore;
  /** Milliseconds since the epoch; `Date.now` by default. */
  readonly now?: () => number;
}
