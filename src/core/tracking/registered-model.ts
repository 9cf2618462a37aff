import type { ModelAlias } from './model-alias.js';
import type { ModelVersion } from './model-version.js';
import type { Tag } from './tag.js';

/**
 * A named model with numbered versions, its aliases and, per stage, its latest version.
 *
 * @example
 * const model: RegisteredModel = { name: 'consumers-laundering-model', creationTime: 1764255600000,
 *   lastUpdatedTime: 1764255600000, description: '', tags: [], aliases: [{ alias: 'production', version: '3' }],
 *   latestVersions: [] };
 */
export interface RegisteredModel {
  readonly name: string;
  readonly creationTime: number;
  readonly lastUpdatedTime: number;
  readonly description: string;
  readonly tags: readonly Tag[];
  readonly aliases: readonly ModelAlias[];
  /** The latest version in each stage that has one, as MLflow's `latest_versions`. */
  readonly latestVersions: readonly ModelVersion[];
}
