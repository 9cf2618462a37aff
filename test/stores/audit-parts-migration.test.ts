import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openAuditLog } from '../../src/adapters/sql/audit-open-log.js';
import { auditPartitionOf, createPartitionSql } from '../../src/adapters/sql/audit-partitions.js';
import { auditPartsSchema } from '../../src/adapters/sql/migrations/0016-audit-parts.js';
import { migrationProvider } from '../../src/adapters/sql/migrations/migrations.js';
import { openSqlDatabase } from '../../src/adapters/sql/open-sql-database.js';
import { freshPostgresDatabase } from './fresh-postgres-database.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

const T = Date.UTC(2026, 11, 2);

/** Old rows, one per case, in id order: [request, row, case id, version, time, score]. */
const OLD: readonly [string, number, string | null, string, number, number][] = [
  ['a', 0, 'a0', '1', T, 0.1],
  ['a', 1, null, '1', T, 0.2],
  ['a', 2, 'a2', '1', T, 0.3],
  ['b', 0, 'b0', '1', T + 1, 0.4],
  ['c', 0, 'c0', '1', T + 2, 0.5],
  ['c', 1, 'c1', '2', T + 2, 0.6],
  ['a', 1, 'again', '2', T + 3, 0.7],
];

/** Migration 0016 on a store whose audit log was written one row per case, on each database. */
function upgradeSuite(name: string, databaseUrl: () => Promise<string>) {
  describe(`migration 0016 on ${name}`, () => {
    it('moves the per-case rows into request parts, keeping every case, and reads them as before', async () => {
      const url = await databaseUrl();
      const before = await openSqlDatabase(url, { migrate: false });
      const migrator = new Migrator({ db: before.db, provider: migrationProvider(before.flavor.kind) });
      expect((await migrator.migrateTo('0015-alert-cases')).error).toBeUndefined();
      if (before.flavor.kind === 'postgres')
        await sql.raw(createPartitionSql(auditPartitionOf(T, 'audit_predictions'))).execute(before.db);
      for (const [request, row, caseId, version, time, score] of OLD)
        await sql`insert into audit_predictions (request_id, row_index, case_id, model_name, model_version, inputs, score, scored_at, caller, client_request_id)
          values (${request}, ${row}, ${caseId}, 'm', ${version}, ${`{"x":${row},"r":"HIGH"}`}, ${score}, ${time}, 'k', ${`client-${request}`})`.execute(
          before.db,
        );
      await sql`insert into audit_feedback (request_id, row_index, case_id, conclusion, label, received_at, analyst)
        values ('a', 2, null, 'REPORTED', 1, ${T + 10}, 'ana')`.execute(before.db);
      await before.close();

      const log = await openAuditLog(url);
      const database = await openSqlDatabase(url, { migrate: false });
      const parts = await sql<{
        request_id: string;
        first_row: number;
        cases: number;
        case_id: string | null;
        case_ids: string | null;
      }>`select request_id, first_row, cases, case_id, case_ids from audit_parts order by id`.execute(
        database.db,
      );
      expect(
        parts.rows.map((p) => [p.request_id, Number(p.first_row), Number(p.cases), p.case_id, p.case_ids]),
      ).toEqual([
        ['a', 0, 3, null, '["a0",null,"a2"]'],
        ['b', 0, 1, 'b0', null],
        ['c', 0, 1, 'c0', null],
        ['c', 1, 1, 'c1', null],
        ['a', 1, 1, 'again', null],
      ]);
      // The old name reads the parts case by case.
      const view = await sql<{ n: unknown }>`select count(*) as n from audit_predictions`.execute(
        database.db,
      );
      expect(Number(view.rows[0]?.n)).toBe(OLD.length);
      // Run again on a migrated store (a second SQLite process migrating at once retries): no error.
      await auditPartsSchema(database.flavor.kind).up(database.db);
      await database.close();

      const listed = (await log.list()).items;
      expect(listed.map((c) => [c.requestId, c.row, c.caseId, c.score])).toEqual([
        ['a', 1, 'again', 0.7],
        ['c', 1, 'c1', 0.6],
        ['c', 0, 'c0', 0.5],
        ['b', 0, 'b0', 0.4],
        ['a', 2, 'a2', 0.3],
        ['a', 1, null, 0.2],
        ['a', 0, 'a0', 0.1],
      ]);
      expect(listed.at(-1)).toEqual({
        requestId: 'a',
        row: 0,
        caseId: 'a0',
        modelName: 'm',
        modelVersion: '1',
        inputs: { x: 0, r: 'HIGH' },
        score: 0.1,
        time: T,
        caller: 'k',
        clientRequestId: 'client-a',
      });
      expect((await log.findCase({ requestId: 'a', row: 2 }))?.caseId).toBe('a2');
      expect((await log.findCase({ requestId: 'a', row: 1 }))?.caseId).toBe('again');
      expect((await log.findCase({ caseId: 'a0' }))?.score).toBe(0.1);
      expect(await log.labelledScores()).toEqual([
        { modelName: 'm', modelVersion: '1', score: 0.3, label: 1 },
      ]);
      expect((await log.subjectRecords('a2')).conclusions).toHaveLength(1);
      await log.close();
    });
  });
}

upgradeSuite('SQLite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'amlops-migrate-0016-'));
  dirs.push(dir);
  return `sqlite:${join(dir, 'amlops.db')}`;
});
upgradeSuite('PostgreSQL', () => freshPostgresDatabase(inject('postgresUrl')));
