import type { LifecycleStage } from './lifecycle-stage.js';
import type { Tag } from './tag.js';

/**
 * A named group of runs, with the root under which its runs' artifacts are stored.
 *
 * @example
 * const experiment: Experiment = { experimentId: '1', name: 'consumers-laundering-model',
 *   artifactLocation: 'file:///srv/amlops/artifacts/1', lifecycleStage: 'active',
 *   creationTime: 1764255600000, lastUpdateTime: 1764255600000, tags: [] };
 */
export interface Experiment {
  /** A decimal integer as a string, as in MLflow (`'0'` is the default experiment). */
  readonly experimentId: string;
  readonly name: string;
  readonly artifactLocation: string;
  readonly lifecycleStage: LifecycleStage;
  readonly creationTime: number;
  readonly lastUpdateTime: number;
  readonly tags: readonly Tag[];
}
