import type { PlatformStores } from '../../services/platform-stores.js';

/**
 * What amlops' own API serves: the stores the tracking and registry use cases work on.
 *
 * @example
 * await app.register(platformApi, { stores: { tracking, registry, artifacts } });
 */
export interface PlatformApiOptions {
  readonly stores: PlatformStores;
}
