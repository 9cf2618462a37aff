import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, inject } from 'vitest';
import { openAuditLog } from '../../src/adapters/sql/audit-open-log.js';
import { openAuditStoreWriter } from '../../src/adapters/sql/audit-open-writer.js';
import { auditStoreWriterContract } from '../contracts/audit-store-writer.contract.js';
import { freshPostgresDatabase } from './fresh-postgres-database.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function storeAt(url: string) {
  const writer = await openAuditStoreWriter(url);
  const log = await openAuditLog(url);
  return {
    writer,
    log,
    async close() {
      await writer.close();
      await log.close();
    },
  };
}

auditStoreWriterContract('SQLite (prepared inserts)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'amlops-audit-writer-'));
  dirs.push(dir);
  return storeAt(`sqlite:${join(dir, 'amlops.db')}`);
});
auditStoreWriterContract('PostgreSQL (COPY)', async () =>
  storeAt(await freshPostgresDatabase(inject('postgresUrl'))),
);
