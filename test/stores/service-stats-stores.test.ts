import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSqlDatabase } from '../../src/adapters/sql/open-sql-database.js';
import { SqlServiceStatsStore } from '../../src/adapters/sql/service-stats-sql-store.js';
import { runServiceStatsStoreContract } from '../contracts/service-stats-store.contract.js';
import { usePostgres } from '../pipelines/test-postgres.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});
const freshPostgres = usePostgres();

async function open(url: string) {
  const database = await openSqlDatabase(url);
  const store = await SqlServiceStatsStore.open(database);
  await database.close();
  return { store, close: () => store.close() };
}

runServiceStatsStoreContract('SQLite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'amlops-service-stats-'));
  dirs.push(dir);
  return open(`sqlite:${join(dir, 'amlops.db')}`);
});

runServiceStatsStoreContract('PostgreSQL', async () => open(await freshPostgres()));
