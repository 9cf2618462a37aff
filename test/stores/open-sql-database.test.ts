import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { openSqlDatabase, resolveDatabaseUrl } from '../../src/adapters/sql/index.js';
import { codeOf } from '../contracts/expect-code.js';
import { freshPostgresDatabase } from './fresh-postgres-database.js';

describe('openSqlDatabase', () => {
  it('defaults to the SQLite file under AMLOPS_HOME, or DATABASE_URL when set', () => {
    expect(resolveDatabaseUrl({})).toBe('sqlite:.amlops/amlops.db');
    expect(resolveDatabaseUrl({ AMLOPS_HOME: '/srv/amlops' })).toBe('sqlite:/srv/amlops/amlops.db');
    expect(resolveDatabaseUrl({ AMLOPS_HOME: '/srv/amlops', DATABASE_URL: 'postgres://u@h/db' })).toBe(
      'postgres://u@h/db',
    );
  });

  it('opens SQLite by path or sqlite: URL in WAL mode with a busy timeout, migrating once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'amlops-open-'));
    try {
      for (const url of [
        join(dir, 'a', 'plain.db'),
        `sqlite:${join(dir, 'url.db')}`,
        `sqlite://${join(dir, 'slashes.db')}`,
      ]) {
        const database = await openSqlDatabase(url);
        expect(database.flavor.kind).toBe('sqlite');
        const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db);
        expect(mode.rows[0]!.journal_mode).toBe('wal');
        const timeout = await sql<{ timeout: number }>`pragma busy_timeout`.execute(database.db);
        expect(timeout.rows[0]!.timeout).toBeGreaterThanOrEqual(5000);
        await database.close();
        // Opening again finds the schema up to date.
        await (await openSqlDatabase(url)).close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('opens PostgreSQL for postgres:// and postgresql:// URLs', async () => {
    const url = await freshPostgresDatabase(inject('postgresUrl'));
    for (const variant of [url, url.replace(/^postgres:/, 'postgresql:')]) {
      const database = await openSqlDatabase(variant);
      expect(database.flavor.kind).toBe('postgres');
      const tables = await database.db.introspection.getTables();
      expect(tables.map((t) => t.name)).toEqual(
        expect.arrayContaining(['experiments', 'runs', 'model_versions']),
      );
      await database.close();
    }
  });

  it('refuses unknown schemes, and reports an unreachable server as STORE_UNAVAILABLE', async () => {
    expect(await codeOf(openSqlDatabase('mysql://u@h/db'))).toBe('USAGE');
    expect(await codeOf(openSqlDatabase('postgres://postgres@127.0.0.1:9/none'))).toBe('STORE_UNAVAILABLE');
  });
});
