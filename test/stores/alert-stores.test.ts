import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { SqlAlertStore } from '../../src/adapters/sql/alert-sql-store.js';
import { openSqlDatabase } from '../../src/adapters/sql/open-sql-database.js';
import { runAlertStoreContract } from '../contracts/alert-store.contract.js';
import { usePostgres } from '../pipelines/test-postgres.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});
const freshPostgres = usePostgres();

async function open(url: string) {
  const database = await openSqlDatabase(url);
  const store = await SqlAlertStore.open(database);
  await database.close();
  return { store, close: () => store.close() };
}

runAlertStoreContract('SQLite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'amlops-alerts-'));
  dirs.push(dir);
  return open(`sqlite:${join(dir, 'amlops.db')}`);
});

runAlertStoreContract('PostgreSQL', async () => open(await freshPostgres()));
