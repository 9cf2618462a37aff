// `npm run bench:audit:migrate [-- --cases 1000000]`: how long `amlops migrate` takes to move an
// audit log written one row per case (before migration 0016) into request parts, on SQLite and on
// PostgreSQL (a throwaway server on loopback): what an upgrade costs an operator whose store holds
// `--cases` audited cases. Two shapes of traffic: one case per request (every old row becomes a
// part) and 1000 cases per request. The old rows are made by the database itself (a recursive
// query, `generate_series`), then the store is opened as every command opens it (migrating to the
// latest); the time is that open's. The cases are counted after, through the view of the old name.
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import { auditPartitionOf, createPartitionSql } from '../../src/adapters/sql/audit-partitions.js';
import { migrationProvider } from '../../src/adapters/sql/migrations/migrations.js';
import { openSqlDatabase } from '../../src/adapters/sql/open-sql-database.js';
import { startPostgresServer } from '../../test/setup/postgres-server.js';
import { freshPostgresDatabase } from '../../test/stores/fresh-postgres-database.js';
import { inScratchDir } from '../support/scratch-dir.js';

const at = process.argv.indexOf('--cases');
const CASES = at >= 0 ? Number(process.argv[at + 1]) : 1_000_000;
const T = Date.now() - 3_600_000;

/** A store migrated up to 0015 holding `CASES` old audit rows of `perRequest` cases a request. */
async function oldStore(url: string, perRequest: number): Promise<void> {
  const database = await openSqlDatabase(url, { migrate: false });
  try {
    const migrator = new Migrator({ db: database.db, provider: migrationProvider(database.flavor.kind) });
    const { error } = await migrator.migrateTo('0015-alert-cases');
    if (error) throw error;
    const postgres = database.flavor.kind === 'postgres';
    if (postgres)
      await sql.raw(createPartitionSql(auditPartitionOf(T, 'audit_predictions'))).execute(database.db);
    // Request i / perRequest, row i % perRequest; a subject for every case; about 100 bytes of inputs.
    const values = (i: string) =>
      sql.raw(`'req-' || (${i} / ${perRequest}), ${i} % ${perRequest},
      'user-' || (${i} % 500000), 'consumers-laundering-model', '3',
      '{"total_outcome_dollar_amount":' || (1000 + (${i} % 7919) * 1.25) || ',"total_income_dollar_amount":' || (20 + ${i} % 101) || ',"risk_pld":"LOW"}',
      (${i} % 997) / 997.0, ${T} + ${i} / 1000, 'key-7', null`);
    const columns = sql.raw(
      'request_id, row_index, case_id, model_name, model_version, inputs, score, scored_at, caller, client_request_id',
    );
    if (postgres)
      await sql`insert into audit_predictions (${columns}) select ${values('i')} from generate_series(0, ${sql.lit(CASES - 1)}) i`.execute(
        database.db,
      );
    else
      await sql`with recursive n(i) as (select 0 union all select i + 1 from n where i < ${sql.lit(CASES - 1)})
        insert into audit_predictions (${columns}) select ${values('i')} from n`.execute(database.db);
  } finally {
    await database.close();
  }
}

/** Seconds the store at `url` takes to open and migrate, and the cases it then holds. */
async function migrate(url: string): Promise<{ seconds: number; cases: number }> {
  const started = performance.now();
  const database = await openSqlDatabase(url);
  const seconds = (performance.now() - started) / 1000;
  try {
    const counted = await sql<{ n: unknown }>`select count(*) as n from audit_predictions`.execute(
      database.db,
    );
    return { seconds, cases: Number(counted.rows[0]?.n) };
  } finally {
    await database.close();
  }
}

await inScratchDir('amlops-bench-audit-migrate-', async (scratch) => {
  const postgres = await startPostgresServer();
  try {
    const lines: string[] = [];
    let round = 0;
    for (const perRequest of [1, 1000])
      for (const store of ['sqlite', 'postgres'] as const) {
        round += 1;
        const url =
          store === 'sqlite'
            ? `sqlite:${join(scratch, `audit-${round}.db`)}`
            : await freshPostgresDatabase(postgres.url);
        await oldStore(url, perRequest);
        const { seconds, cases } = await migrate(url);
        if (cases !== CASES) throw new Error(`${store}: ${cases} of ${CASES} cases after the migration`);
        const line = `| ${store === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${perRequest} | ${CASES.toLocaleString('en')} | ${seconds.toFixed(1)} s | ${Math.round(CASES / seconds).toLocaleString('en')} |`;
        process.stderr.write(`${line}\n`);
        lines.push(line);
      }
    process.stdout.write(
      `\nmigration 0016 (audit rows into request parts), ${CASES.toLocaleString('en')} cases (this machine: ${(await import('node:os')).cpus().length} cores)\n| store | cases per request | cases | migration | cases/s |\n| --- | --- | --- | --- | --- |\n${lines.join('\n')}\n`,
    );
  } finally {
    await postgres.stop();
  }
});
