import { Migrator, sql } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { openAuditLog } from '../../src/adapters/sql/audit-open-log.js';
import { openAuditStoreWriter } from '../../src/adapters/sql/audit-open-writer.js';
import { migrationProvider } from '../../src/adapters/sql/migrations/migrations.js';
import { openSqlDatabase } from '../../src/adapters/sql/open-sql-database.js';
import { auditRequest } from '../support/audit-batch.js';
import { freshPostgresDatabase } from './fresh-postgres-database.js';

const NOV = Date.UTC(2026, 10, 15);
const DEC = Date.UTC(2026, 11, 2);

async function partitions(url: string): Promise<string[]> {
  const database = await openSqlDatabase(url, { migrate: false });
  try {
    const { rows } = await sql<{ name: string }>`select c.relname as name from pg_inherits i
      join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
      where p.relname = 'audit_parts' order by 1`.execute(database.db);
    return rows.map((r) => r.name);
  } finally {
    await database.close();
  }
}

describe('the audit table partitioned by month on PostgreSQL (migrations 0014 and 0016)', () => {
  it('moves the cases of an existing store into monthly partitions of parts, and takes new ones', async () => {
    const url = await freshPostgresDatabase(inject('postgresUrl'));
    const before = await openSqlDatabase(url, { migrate: false });
    const migrator = new Migrator({ db: before.db, provider: migrationProvider('postgres') });
    expect((await migrator.migrateTo('0013-registry-notify')).error).toBeUndefined();
    for (const [request, time] of [
      ['nov', NOV],
      ['dec', DEC],
    ] as const)
      await sql`insert into audit_predictions (request_id, row_index, case_id, model_name, model_version, inputs, score, scored_at, caller)
        values (${request}, 0, ${`case-${request}`}, 'm', '1', '{"a":1}', 0.5, ${time}, '')`.execute(
        before.db,
      );
    await before.close();

    const log = await openAuditLog(url);
    expect(await partitions(url)).toEqual(['audit_parts_p202611', 'audit_parts_p202612']);
    const cases = (await log.list()).items;
    expect(cases.map((c) => [c.requestId, c.time, c.inputs])).toEqual([
      ['dec', DEC, { a: 1 }],
      ['nov', NOV, { a: 1 }],
    ]);
    // New cases go in a month of their own when new.
    const writer = await openAuditStoreWriter(url);
    await writer.append([{ ...auditRequest('jan', 2), times: [Date.UTC(2027, 0, 3)] }], {
      source: 's',
      position: 1,
    });
    await log.append([{ ...cases[0]!, requestId: 'dec-2', time: DEC + 1 }]);
    expect(await partitions(url)).toEqual([
      'audit_parts_p202611',
      'audit_parts_p202612',
      'audit_parts_p202701',
    ]);
    const database = await openSqlDatabase(url, { migrate: false });
    // A month made after the migration compresses the cases' JSON as the table says (lz4 when the
    // server has it).
    const compression = await sql<{
      relname: string;
      attcompression: string;
    }>`select c.relname, a.attcompression
      from pg_attribute a join pg_class c on c.oid = a.attrelid
      where c.relname in ('audit_parts', 'audit_parts_p202701') and a.attname = 'inputs' order by 1`.execute(
      database.db,
    );
    expect(compression.rows).toHaveLength(2);
    expect(compression.rows[1]?.attcompression).toBe(compression.rows[0]?.attcompression);
    const after = await sql<{
      request_id: string;
      cases: number;
    }>`select request_id, cases from audit_parts order by id`.execute(database.db);
    await database.close();
    expect(after.rows.map((r) => [r.request_id, Number(r.cases)])).toEqual([
      ['nov', 1],
      ['dec', 1],
      ['jan', 2],
      ['dec-2', 1],
    ]);
    expect((await log.findCase({ caseId: 'case-nov' }))?.requestId).toBe('nov');

    // Retention: November goes as a whole partition, December's older rows one by one.
    expect(await log.deleteOlderThan(DEC + 1)).toBe(2);
    expect(await partitions(url)).toEqual(['audit_parts_p202612', 'audit_parts_p202701']);
    expect((await log.list()).items.map((c) => c.requestId).sort()).toEqual(['dec-2', 'jan', 'jan']);
    await writer.close();
    await log.close();
  });
});
