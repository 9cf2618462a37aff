import { openArtifactStore } from '../adapters/artifacts/index.js';
import { openSqlDatabase } from '../adapters/sql/open-sql-database.js';
import { SqlModelRegistry } from '../adapters/sql/sql-model-registry.js';
import { artifactRootOf, type Config, databaseUrlOf } from '../config/index.js';
import { parseModelRef } from '../core/scoring/parse-model-ref.js';
import { loadModelVersion, resolveModelVersion } from '../services/load-model-version.js';
import type { LoadedModel } from '../services/loaded-model.js';

/**
 * Loads a registered model version for a command: `ref` as NAME, NAME@ALIAS or NAME/VERSION, the
 * production alias of `model.name` by default; only the registry is opened, and closed again.
 *
 * @example
 * const model = await loadCliModel(config, context.io.cwd, flags.model);
 */
export async function loadCliModel(
  config: Config,
  cwd: string,
  ref: string | undefined,
): Promise<LoadedModel> {
  const artifactRoot = artifactRootOf(config, cwd);
  const openArtifacts = (uri: string) => openArtifactStore(uri);
  const database = await openSqlDatabase(databaseUrlOf(config, cwd));
  const registry = await SqlModelRegistry.open(database, { artifactRoot, openArtifacts });
  await database.close();
  try {
    const parsed = parseModelRef(ref ?? config['model.name']);
    return await loadModelVersion(
      { registry, openArtifacts },
      await resolveModelVersion(registry, parsed),
      parsed.alias,
    );
  } finally {
    await registry.close();
  }
}
