import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { runModelRegistryContract } from '../contracts/model-registry.contract.js';
import { runTrackingStoreContract } from '../contracts/tracking-store.contract.js';
import { sqlStoreHarness } from './store-harness.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function sqliteUrl(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'amlops-sqlite-'));
  dirs.push(dir);
  return `sqlite:${join(dir, 'amlops.db')}`;
}

runTrackingStoreContract('SQLite', async () => {
  const h = await sqlStoreHarness(await sqliteUrl());
  return { store: h.tracking, artifactRoot: h.artifactRoot, close: () => h.close() };
});

runModelRegistryContract('SQLite', async () => sqlStoreHarness(await sqliteUrl()));
