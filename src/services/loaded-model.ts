import type { ModelScorer } from '../core/scoring/model-scorer.js';
import type { ModelVersion } from '../core/tracking/index.js';

/** A model version loaded, verified and ready to score; immutable, so that a swap never changes it under a request. */
export interface LoadedModel {
  readonly name: string;
  readonly version: string;
  readonly runId: string;
  /** The alias it was resolved by, when it was. */
  readonly alias: string | undefined;
  readonly registryVersion: ModelVersion;
  readonly scorer: ModelScorer;
  /** When it was loaded, and how long loading and verifying took. */
  readonly loadedAt: number;
  readonly loadSeconds: number;
  /**
   * Set when the alias it was served by has moved to a version that cannot be loaded: this one is
   * still served (never a gap), but it is no longer what the registry wants, and answers say so.
   */
  readonly stale?: { readonly wanted: string; readonly reason: string };
}
