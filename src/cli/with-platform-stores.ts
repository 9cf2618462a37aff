import type { Command } from 'commander';
import { openArtifactStore } from '../adapters/artifacts/index.js';
import { openSqlStores } from '../adapters/sql/index.js';
import { artifactRootOf, databaseUrlOf } from '../config/index.js';
import type { PlatformStores } from '../services/platform-stores.js';
import type { CliContext } from './cli-context.js';

/**
 * Runs `work` with the tracking store, model registry and artifact store the configuration names
 * (`store.databaseUrl`, else `<home>/amlops.db`; `artifacts.uri`, else `<home>/artifacts`), and
 * closes them afterwards, whatever happens.
 *
 * @example
 * await withPlatformStores(context, command, async (stores) => listModels(stores.registry));
 */
export async function withPlatformStores<T>(
  context: CliContext,
  command: Command,
  work: (stores: PlatformStores) => Promise<T>,
): Promise<T> {
  const { config } = context.config(command);
  const databaseUrl = databaseUrlOf(config, context.io.cwd);
  const artifactRoot = artifactRootOf(config, context.io.cwd);
  const artifacts = openArtifactStore(artifactRoot);
  const stores = await openSqlStores(databaseUrl, {
    artifactRoot: artifacts.rootUri,
    openArtifacts: (uri) => openArtifactStore(uri),
  });
  try {
    return await work({ tracking: stores.tracking, registry: stores.registry, artifacts });
  } finally {
    await stores.close();
  }
}
