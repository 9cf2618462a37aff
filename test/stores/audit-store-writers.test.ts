import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, inject } from 'vitest';
import { openAuditLog } from '../../src/adapters/sql/audit-open-log.js';
import { openAuditStoreWriter } from '../../src/adapters/sql/audit-open-writer.js';
import { openFeedbackLog } from '../../src/adapters/sql/feedback-open-log.js';
import { openCaseStore } from '../../src/adapters/sql/open-case-store.js';
import { openSqlDatabase } from '../../src/adapters/sql/open-sql-database.js';
import type { CaseOpeningOptions } from '../../src/adapters/sql/sqlite-case-opener.js';
import { ALERT_THRESHOLD_TAGS } from '../../src/services/recorded-alert-threshold.js';
import { auditStoreWriterContract } from '../contracts/audit-store-writer.contract.js';
import { caseStoreContract } from '../contracts/case-store.contract.js';
import { freshPostgresDatabase } from './fresh-postgres-database.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function storeAt(url: string, cases?: CaseOpeningOptions) {
  const writer = await openAuditStoreWriter(url, cases);
  const log = await openAuditLog(url);
  const feedback = await openFeedbackLog(url);
  const caseStore = await openCaseStore(url);
  return {
    writer,
    log,
    feedback,
    cases: caseStore,
    async setAlertThreshold(model: string, version: string, threshold: number) {
      const database = await openSqlDatabase(url);
      try {
        await database.db
          .insertInto('model_version_tags')
          .values({
            name: model,
            version: Number(version),
            key: ALERT_THRESHOLD_TAGS.value,
            value: String(threshold),
          })
          .execute();
      } finally {
        await database.close();
      }
    },
    async close() {
      await writer.close();
      await log.close();
      await feedback.close();
      await caseStore.close();
    },
  };
}

async function sqliteUrl(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'amlops-audit-writer-'));
  dirs.push(dir);
  return `sqlite:${join(dir, 'amlops.db')}`;
}

auditStoreWriterContract('SQLite (prepared inserts)', async (cases) => storeAt(await sqliteUrl(), cases));
auditStoreWriterContract('PostgreSQL (COPY)', async (cases) =>
  storeAt(await freshPostgresDatabase(inject('postgresUrl')), cases),
);
caseStoreContract('SQLite', async (cases) => storeAt(await sqliteUrl(), cases));
caseStoreContract('PostgreSQL', async (cases) =>
  storeAt(await freshPostgresDatabase(inject('postgresUrl')), cases),
);
