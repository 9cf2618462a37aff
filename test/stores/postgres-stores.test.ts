import { inject } from 'vitest';
import { runModelRegistryContract } from '../contracts/model-registry.contract.js';
import { runTrackingStoreContract } from '../contracts/tracking-store.contract.js';
import { freshPostgresDatabase } from './fresh-postgres-database.js';
import { sqlStoreHarness } from './store-harness.js';

runTrackingStoreContract('PostgreSQL', async () => {
  const h = await sqlStoreHarness(await freshPostgresDatabase(inject('postgresUrl')));
  return { store: h.tracking, artifactRoot: h.artifactRoot, close: () => h.close() };
});

runModelRegistryContract('PostgreSQL', async () =>
  sqlStoreHarness(await freshPostgresDatabase(inject('postgresUrl'))),
);
