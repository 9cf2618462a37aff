import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openPipelineRunStore } from '../../src/adapters/sql/pipeline-runs-open.js';
import { runPipelineRunStoreContract } from '../contracts/pipeline-run-store.contract.js';
import { usePostgres } from './test-postgres.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});
const freshPostgres = usePostgres();

runPipelineRunStoreContract('SQLite', async (now) => {
  const dir = await mkdtemp(join(tmpdir(), 'amlops-pipelines-'));
  dirs.push(dir);
  const store = await openPipelineRunStore(`sqlite:${join(dir, 'amlops.db')}`, { now });
  return { store, close: () => store.close() };
});

runPipelineRunStoreContract('PostgreSQL', async (now) => {
  const store = await openPipelineRunStore(await freshPostgres(), { now });
  return { store, close: () => store.close() };
});
