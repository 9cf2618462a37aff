import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openAuditLog } from '../../src/adapters/sql/audit-open-log.js';
import { auditClientRequestIdSchema } from '../../src/adapters/sql/migrations/0012-audit-client-request-id.js';
import { migrationProvider } from '../../src/adapters/sql/migrations/migrations.js';
import { openSqlDatabase } from '../../src/adapters/sql/open-sql-database.js';
import { freshPostgresDatabase } from './fresh-postgres-database.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** Migration 0012 on a store whose audit log was written before it, on each database. */
function upgradeSuite(name: string, databaseUrl: () => Promise<string>) {
  describe(`migration 0012 on ${name}`, () => {
    it('adds client_request_id to an audit log that has cases already: theirs is null, new ones keep theirs', async () => {
      const url = await databaseUrl();
      const before = await openSqlDatabase(url, { migrate: false });
      const migrator = new Migrator({ db: before.db, provider: migrationProvider(before.flavor.kind) });
      expect((await migrator.migrateTo('0011-audit-erasures')).error).toBeUndefined();
      await sql`insert into audit_predictions (request_id, row_index, case_id, model_name, model_version, inputs, score, scored_at, caller)
        values ('old-request', 0, null, 'm', '1', '{}', 0.5, 1000, '')`.execute(before.db);
      await before.close();

      const log = await openAuditLog(url);
      await log.append([
        {
          requestId: 'new-request',
          row: 0,
          caseId: null,
          modelName: 'm',
          modelVersion: '1',
          inputs: {},
          score: 0.25,
          time: 2000,
          caller: '',
          clientRequestId: 'gateway-1',
        },
      ]);
      const cases = (await log.list()).items;
      expect(cases.map((c) => [c.requestId, c.clientRequestId])).toEqual([
        ['new-request', 'gateway-1'],
        ['old-request', null],
      ]);
      await log.close();

      // Run again on a migrated store (a second SQLite process migrating at once retries): no error.
      const after = await openSqlDatabase(url, { migrate: false });
      await auditClientRequestIdSchema().up(after.db);
      await after.close();
    });
  });
}

upgradeSuite('SQLite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'amlops-migrate-0012-'));
  dirs.push(dir);
  return `sqlite:${join(dir, 'amlops.db')}`;
});
upgradeSuite('PostgreSQL', () => freshPostgresDatabase(inject('postgresUrl')));
