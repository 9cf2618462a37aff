import type { ArtifactStore } from '../../ports/artifact-store.js';
import { openSqlDatabase } from './open-sql-database.js';
import { SqlModelRegistry } from './sql-model-registry.js';
import { SqlTrackingStore } from './sql-tracking-store.js';

/** The two SQL-backed stores over one database, closed together. */
export interface SqlStores {
  readonly tracking: SqlTrackingStore;
  readonly registry: SqlModelRegistry;
  close(): Promise<void>;
}

/**
 * Opens the database at `url` (SQLite path or `postgres://`), migrates it and returns the tracking
 * store and the model registry sharing it.
 *
 * @example
 * const stores = await openSqlStores(resolveDatabaseUrl(), { artifactRoot: 'file:///srv/artifacts', openArtifacts: openArtifactStore });
 * await stores.tracking.createExperiment({ name: 'consumers-laundering-model' });
 * await stores.close();
 */
export async function openSqlStores(
  url: string,
  options: { artifactRoot: string; openArtifacts: (uri: string) => ArtifactStore; now?: () => number },
): Promise<SqlStores> {
  const database = await openSqlDatabase(url);
  try {
    const tracking = await SqlTrackingStore.open(database, options);
    const registry = await SqlModelRegistry.open(database, options);
    return {
      tracking,
      registry,
      async close() {
        await tracking.close();
        await registry.close();
      },
    };
  } finally {
    await database.close();
  }
}
