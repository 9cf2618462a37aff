import type { ArtifactStore } from '../../ports/artifact-store.js';
import { openSqlDatabase } from './open-sql-database.js';
import { SqlQualityReportStore } from './quality-report-sql-store.js';
import { SqlModelRegistry } from './sql-model-registry.js';
import { SqlTrackingStore } from './sql-tracking-store.js';

/** The SQL-backed stores over one database, closed together. */
export interface SqlStores {
  readonly tracking: SqlTrackingStore;
  readonly registry: SqlModelRegistry;
  readonly quality: SqlQualityReportStore;
  close(): Promise<void>;
}

/**
 * Opens the database at `url` (SQLite path or `postgres://`), migrates it and returns the tracking
 * store, the model registry and the quality reports sharing it.
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
    const quality = await SqlQualityReportStore.open(database);
    return {
      tracking,
      registry,
      quality,
      async close() {
        await tracking.close();
        await registry.close();
        await quality.close();
      },
    };
  } finally {
    await database.close();
  }
}
