import { AmlopsError } from '../core/errors/index.js';
import type { ModelVersion } from '../core/tracking/index.js';
import type { ModelRegistry } from '../ports/model-registry.js';
import { PRODUCTION_ALIAS } from './promotion-tags.js';

function refuseProduction(alias: string): void {
  if (alias === PRODUCTION_ALIAS)
    throw new AmlopsError(
      'USAGE',
      `the '${PRODUCTION_ALIAS}' alias moves only by a recorded decision: use promote or rollback`,
    );
}

/**
 * Setting and deleting the aliases of a model other than `production` (`challenger`, any name).
 * The production alias is refused with USAGE: it moves only through `promoteModelVersion` and
 * `rollbackProduction`, which record who and why.
 *
 * @example
 * const version = await modelAliases.set(registry, 'consumers-laundering-model', 'challenger', '5');
 * await modelAliases.delete(registry, 'consumers-laundering-model', 'challenger');
 */
export const modelAliases = {
  async set(registry: ModelRegistry, name: string, alias: string, version: string): Promise<ModelVersion> {
    refuseProduction(alias);
    await registry.setAlias(name, alias, version);
    return registry.getModelVersion(name, version);
  },
  async delete(registry: ModelRegistry, name: string, alias: string): Promise<void> {
    refuseProduction(alias);
    await registry.deleteAlias(name, alias);
  },
} as const;
