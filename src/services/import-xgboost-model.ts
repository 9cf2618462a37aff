import { AmlopsError } from '../core/errors/index.js';
import { loadXgboostJson } from '../core/gbdt/xgboost-json/load-xgboost-json.js';
import { BUNDLE_PATHS, bundleToFiles } from '../core/model/index.js';
import type { ModelVersion } from '../core/tracking/index.js';
import { artifactsAt } from './artifacts-at.js';
import { bundleDigestsTag } from './bundle-digests.js';
import { bundleFromXgboost } from './bundle-from-xgboost.js';
import type { PlatformStores } from './platform-stores.js';
import { SOURCE_FEATURE_ORDER_PATH } from './source-feature-order.js';

/** An XGBoost model file to register. */
export interface ImportXgboostInput {
  /** The registered model (created when it does not exist). */
  readonly name: string;
  /** The file's text, as XGBoost's `save_model("m.json")` wrote it. */
  readonly text: string;
  /** Where it came from (a file name), recorded as a tag. */
  readonly fileName: string;
  /** Names for the features, in the model's order, when the file has none (or they are wrong). */
  readonly featureNames?: readonly string[];
  /** Who imports it. */
  readonly by: string;
  readonly description?: string;
}

/**
 * Registers a model trained by XGBoost elsewhere as a new READY version: its trees with the feature
 * pipeline its feature names imply (see `bundleFromXgboost`), an input example to verify it on
 * loading, and its original feature order for export. The files are written through the
 * registry's `writeArtifacts`, so the version is READY only once all of them are stored. The
 * version has no source run; tags `amlops.source`, `amlops.imported_from`, `amlops.imported_by`.
 *
 * @example
 * const version = await importXgboostModel(stores, { name: 'consumers-laundering-model',
 *   text: await readFile('model.json', 'utf8'), fileName: 'model.json', by: 'alice' });
 */
export async function importXgboostModel(
  stores: PlatformStores,
  input: ImportXgboostInput,
): Promise<ModelVersion> {
  const booster = loadXgboostJson(input.text);
  const bundle = bundleFromXgboost(booster, input.featureNames ?? booster.featureNames);
  const files = bundleToFiles(bundle);
  files[SOURCE_FEATURE_ORDER_PATH] = `${JSON.stringify(input.featureNames ?? booster.featureNames)}\n`;
  files[BUNDLE_PATHS.inputExample] = `${JSON.stringify(inputExample(bundle.features))}\n`;
  await ensureRegisteredModel(stores, input.name);
  const now = (stores.now ?? Date.now)();
  const slug = input.name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_');
  const unique = `${new Date(now).toISOString().replace(/[-:.]/g, '')}-${globalThis.crypto.randomUUID().slice(0, 8)}`;
  return stores.registry.createModelVersion(
    {
      name: input.name,
      source: `${stores.artifacts.rootUri.replace(/\/+$/, '')}/models/${slug}/imported-${unique}`,
      userId: input.by,
      description: input.description ?? `Imported from the XGBoost model ${input.fileName}`,
      tags: [
        { key: 'amlops.source', value: 'xgboost-json' },
        { key: 'amlops.imported_from', value: input.fileName.slice(-1000) },
        { key: 'amlops.imported_by', value: input.by },
        { key: 'amlops.imported_at', value: new Date(now).toISOString() },
        bundleDigestsTag(files),
      ],
    },
    {
      requiredFiles: Object.keys(files),
      writeArtifacts: async (version) => {
        const store = artifactsAt(stores.artifacts, version.source);
        for (const [path, text] of Object.entries(files)) await store.put(path, text);
      },
    },
  );
}

/** One case in the `/predict` shape: every amount 0, every category its first value. */
function inputExample(features: ReturnType<typeof bundleFromXgboost>['features']): Record<string, unknown[]> {
  return Object.fromEntries([
    ...features.numeric.map((column) => [column, [0]] as const),
    ...features.categorical.map((c) => [c.column, [c.categories[0] ?? null]] as const),
  ]);
}

async function ensureRegisteredModel(stores: PlatformStores, name: string): Promise<void> {
  try {
    await stores.registry.getRegisteredModel(name);
  } catch (error) {
    if (!(error instanceof AmlopsError) || error.code !== 'NOT_FOUND') throw error;
    try {
      await stores.registry.createRegisteredModel({ name });
    } catch (raced) {
      // Another process created it in between: that is what was wanted.
      if (!(raced instanceof AmlopsError) || raced.code !== 'RESOURCE_ALREADY_EXISTS') throw raced;
    }
  }
}
