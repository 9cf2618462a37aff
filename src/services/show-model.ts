import { AmlopsError } from '../core/errors/index.js';
import type { ModelAlias, Run } from '../core/tracking/index.js';
import type { ModelRegistry } from '../ports/model-registry.js';
import type { TrackingStore } from '../ports/tracking-store.js';
import { listModelVersions } from './list-model-versions.js';
import { productionVersion } from './production-version.js';
import { type VersionDetails, versionDetails } from './version-details.js';

/** A registered model with every version's details. */
export interface ModelDetails {
  readonly name: string;
  readonly description: string;
  readonly creationTime: number;
  readonly lastUpdatedTime: number;
  readonly tags: Readonly<Record<string, string>>;
  readonly aliases: readonly ModelAlias[];
  readonly productionVersion: string | null;
  /** Newest first. */
  readonly versions: readonly VersionDetails[];
}

/**
 * A registered model and its versions: stage, aliases, status, source run and that run's metrics,
 * and the last production decision recorded on each.
 *
 * @example
 * const model = await showModel(stores, 'consumers-laundering-model');
 * model.versions.map((v) => [v.version, v.stage, v.metrics.test_roc_auc]);
 */
export async function showModel(
  stores: { readonly tracking: TrackingStore; readonly registry: ModelRegistry },
  name: string,
): Promise<ModelDetails> {
  const model = await stores.registry.getRegisteredModel(name);
  const versions = await listModelVersions(stores.registry, name);
  const runs = new Map<string, Run | undefined>();
  for (const runId of new Set(versions.map((v) => v.runId).filter((id) => id !== '')))
    runs.set(runId, await runOrUndefined(stores.tracking, runId));
  return {
    name: model.name,
    description: model.description,
    creationTime: model.creationTime,
    lastUpdatedTime: model.lastUpdatedTime,
    tags: Object.fromEntries(model.tags.map((t) => [t.key, t.value])),
    aliases: model.aliases,
    productionVersion: (await productionVersion(stores.registry, name))?.version ?? null,
    versions: versions.map((v) => versionDetails(v, runs.get(v.runId))),
  };
}

async function runOrUndefined(tracking: TrackingStore, runId: string): Promise<Run | undefined> {
  try {
    return await tracking.getRun(runId);
  } catch (error) {
    if (error instanceof AmlopsError && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}
