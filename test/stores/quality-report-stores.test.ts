import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSqlDatabase } from '../../src/adapters/sql/open-sql-database.js';
import { SqlQualityReportStore } from '../../src/adapters/sql/quality-report-sql-store.js';
import { runQualityReportStoreContract } from '../contracts/quality-report-store.contract.js';
import { usePostgres } from '../pipelines/test-postgres.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});
const freshPostgres = usePostgres();

async function open(url: string) {
  const database = await openSqlDatabase(url);
  const store = await SqlQualityReportStore.open(database);
  await database.close();
  return { store, close: () => store.close() };
}

runQualityReportStoreContract('SQLite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'amlops-quality-'));
  dirs.push(dir);
  return open(`sqlite:${join(dir, 'amlops.db')}`);
});

runQualityReportStoreContract('PostgreSQL', async () => open(await freshPostgres()));
