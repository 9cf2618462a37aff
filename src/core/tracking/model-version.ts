import type { ModelStage } from './model-stage.js';
import type { ModelVersionStatus } from './model-version-status.js';
import type { Tag } from './tag.js';

/**
 * One version of a registered model: where its files are, which run made it, and its state.
 *
 * @example
 * const version: ModelVersion = { name: 'consumers-laundering-model', version: '3',
 *   creationTime: 1764255600000, lastUpdatedTime: 1764255600000, description: '', userId: 'ci',
 *   currentStage: 'Production', source: 'file:///srv/amlops/artifacts/1/6f1c…/artifacts/model',
 *   runId: '6f1c…', runLink: '', status: 'READY', statusMessage: '', tags: [], aliases: ['production'] };
 */
export interface ModelVersion {
  readonly name: string;
  /** Decimal string: versions are numbered 1, 2, 3… per registered model. */
  readonly version: string;
  readonly creationTime: number;
  readonly lastUpdatedTime: number;
  readonly description: string;
  readonly userId: string;
  readonly currentStage: ModelStage;
  /** The artifact location the version's files are in (an URI of an artifact store). */
  readonly source: string;
  /** The run that produced it, or '' when registered from elsewhere (an XGBoost import). */
  readonly runId: string;
  readonly runLink: string;
  readonly status: ModelVersionStatus;
  readonly statusMessage: string;
  readonly tags: readonly Tag[];
  readonly aliases: readonly string[];
}
