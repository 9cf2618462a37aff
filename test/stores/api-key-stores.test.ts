import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { SqlApiKeyStore } from '../../src/adapters/sql/api-key-sql-store.js';
import { openSqlDatabase } from '../../src/adapters/sql/open-sql-database.js';
import { runApiKeyStoreContract } from '../contracts/api-key-store.contract.js';
import { usePostgres } from '../pipelines/test-postgres.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});
const freshPostgres = usePostgres();

async function open(url: string) {
  const database = await openSqlDatabase(url);
  const store = await SqlApiKeyStore.open(database);
  await database.close();
  return { store, close: () => store.close() };
}

runApiKeyStoreContract('SQLite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'amlops-api-keys-'));
  dirs.push(dir);
  return open(`sqlite:${join(dir, 'amlops.db')}`);
});

runApiKeyStoreContract('PostgreSQL', async () => open(await freshPostgres()));
