import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalArtifactStore, openArtifactStore } from '../../src/adapters/artifacts/index.js';
import { openSqlStores } from '../../src/adapters/sql/index.js';
import type { RegistryHarness } from '../contracts/model-registry.contract.js';

/**
 * Opens both SQL stores on `url` with a local artifact root in a temporary directory, for the
 * tracking and registry contracts.
 *
 * @example
 * const harness = await sqlStoreHarness('sqlite:/tmp/x/amlops.db');
 */
export async function sqlStoreHarness(url: string): Promise<RegistryHarness & { artifactRoot: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'amlops-artifacts-'));
  const artifacts = new LocalArtifactStore(dir);
  const stores = await openSqlStores(url, {
    artifactRoot: artifacts.rootUri,
    openArtifacts: (uri) => openArtifactStore(uri),
  });
  return {
    registry: stores.registry,
    tracking: stores.tracking,
    artifacts,
    artifactRoot: artifacts.rootUri,
    async close() {
      await stores.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
