import type { ModelVersion } from '../core/tracking/index.js';
import type { ModelRegistry } from '../ports/model-registry.js';
import { PRODUCTION_ALIAS } from './promotion-tags.js';

/**
 * The version of a model in production: the one the `production` alias points at or, for models
 * promoted the original's way (MLflow stages only), the latest version in stage Production.
 * Undefined when there is none; NOT_FOUND when the model does not exist.
 *
 * @example
 * const live = await productionVersion(registry, 'consumers-laundering-model'); // live?.version === '3'
 */
export async function productionVersion(
  registry: ModelRegistry,
  name: string,
): Promise<ModelVersion | undefined> {
  const model = await registry.getRegisteredModel(name);
  const alias = model.aliases.find((a) => a.alias === PRODUCTION_ALIAS);
  if (alias) return registry.getModelVersion(name, alias.version);
  const [latest] = await registry.getLatestVersions(name, ['Production']);
  return latest;
}
