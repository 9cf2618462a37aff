import type { ModelVersion } from '../core/tracking/index.js';
import type { ModelRegistry } from '../ports/model-registry.js';
import { collectPages } from './collect-pages.js';

/**
 * Every version of a registered model, newest first; NOT_FOUND when the model does not exist.
 *
 * @example
 * const versions = await listModelVersions(registry, 'consumers-laundering-model');
 * versions[0]?.version; // '5'
 */
export async function listModelVersions(registry: ModelRegistry, name: string): Promise<ModelVersion[]> {
  await registry.getRegisteredModel(name);
  return collectPages((pageToken) =>
    registry.searchModelVersions({
      filter: { terms: [{ entity: 'attribute', key: 'name', op: '=', value: name }] },
      maxResults: 1000,
      ...(pageToken ? { pageToken } : {}),
    }),
  );
}
