import type { ModelAlias } from '../core/tracking/index.js';
import type { ModelRegistry } from '../ports/model-registry.js';
import { collectPages } from './collect-pages.js';
import { productionVersion } from './production-version.js';

/** A registered model in a listing. */
export interface ModelSummary {
  readonly name: string;
  readonly description: string;
  readonly lastUpdatedTime: number;
  /** The highest version number, or null when the model has no version. */
  readonly latestVersion: string | null;
  /** The version in production, or null. */
  readonly productionVersion: string | null;
  readonly aliases: readonly ModelAlias[];
}

/**
 * Every registered model, by name, with its latest and production versions.
 *
 * @example
 * const models = await listModels(registry);
 * models[0]; // { name: 'consumers-laundering-model', latestVersion: '5', productionVersion: '4', … }
 */
export async function listModels(registry: ModelRegistry): Promise<ModelSummary[]> {
  const models = await collectPages((pageToken) =>
    registry.searchRegisteredModels({ maxResults: 1000, ...(pageToken ? { pageToken } : {}) }),
  );
  return Promise.all(
    models.map(async (model) => {
      const latest = await registry.searchModelVersions({
        filter: { terms: [{ entity: 'attribute', key: 'name', op: '=', value: model.name }] },
        maxResults: 1,
      });
      return {
        name: model.name,
        description: model.description,
        lastUpdatedTime: model.lastUpdatedTime,
        latestVersion: latest.items[0]?.version ?? null,
        productionVersion: (await productionVersion(registry, model.name))?.version ?? null,
        aliases: model.aliases,
      };
    }),
  );
}
