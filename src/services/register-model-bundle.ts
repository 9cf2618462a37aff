import { BUNDLE_PATHS } from '../core/model/bundle-paths.js';
import { bundleToFiles } from '../core/model/bundle-to-files.js';
import type { ModelBundle } from '../core/model/model-bundle.js';
import type { ModelVersion } from '../core/tracking/index.js';
import type { ArtifactStore } from '../ports/artifact-store.js';
import type { ModelRegistry } from '../ports/model-registry.js';
import { bundleDigestsTag } from './bundle-digests.js';

/** A bundle to register as a new version: where its files go and a few input rows to verify it with. */
export interface RegisterBundleInput {
  readonly name: string;
  /** Artifact URI of the version's files (`runs:/<run id>/model-bundle` or a location under the artifact root). */
  readonly source: string;
  readonly bundle: ModelBundle;
  /** A few input rows in the `/predict` columnar shape, stored as `model/input-example.json`. */
  readonly inputExample?: Readonly<Record<string, readonly unknown[]>>;
  readonly runId?: string;
  readonly description?: string;
}

/**
 * Registers a model bundle as a new READY version: creates the registered model when needed, then
 * the version, writing the bundle's files (and the input example) under its source before READY,
 * with the sha256 of each file recorded on it (tag `amlops.files_sha256`, checked at every load).
 *
 * @example
 * const v = await registerModelBundle({ registry, openArtifacts }, { name, source: `${root}/models/m/1`, bundle, inputExample });
 * await registry.setAlias(name, 'production', v.version);
 */
export async function registerModelBundle(
  stores: { readonly registry: ModelRegistry; readonly openArtifacts: (uri: string) => ArtifactStore },
  input: RegisterBundleInput,
): Promise<ModelVersion> {
  try {
    await stores.registry.getRegisteredModel(input.name);
  } catch {
    await stores.registry.createRegisteredModel({ name: input.name });
  }
  const files = bundleToFiles(input.bundle);
  if (input.inputExample) files[BUNDLE_PATHS.inputExample] = `${JSON.stringify(input.inputExample)}\n`;
  return stores.registry.createModelVersion(
    {
      name: input.name,
      source: input.source,
      ...(input.runId ? { runId: input.runId } : {}),
      ...(input.description ? { description: input.description } : {}),
      tags: [bundleDigestsTag(files)],
    },
    {
      requiredFiles: Object.keys(files),
      writeArtifacts: async (version) => {
        const store = stores.openArtifacts(version.source);
        for (const [path, text] of Object.entries(files)) await store.put(path, text);
      },
    },
  );
}
