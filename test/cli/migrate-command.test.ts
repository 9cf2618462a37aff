import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlDatabase } from '../../src/adapters/sql/open-sql-database.js';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import type { AmlopsError } from '../../src/core/errors/index.js';
import { COMMANDS } from '../../src/main/commands.js';

// Upgrades (issue 15): `amlops migrate` is safe to run twice, and a store migrated by a newer amlops
// is refused by every command, unchanged, both versions named.

const home = mkdtempSync(join(tmpdir(), 'amlops-newer-store-'));
const file = join(home, 'amlops.db');
afterAll(() => rmSync(home, { recursive: true, force: true }));

const cli = async (...args: string[]) => {
  const io = memoryIo({ cwd: home, env: { AMLOPS_HOME: home } });
  const status = await runCli(['node', 'amlops', ...args], io, COMMANDS, '0.0.0-test');
  return { status, stdout: io.out.join(''), stderr: io.err.join('') };
};

describe('upgrading a store', () => {
  it('migrates twice without harm, then refuses a store a newer amlops migrated, leaving it as it was', async () => {
    const first = await cli('migrate', '--json');
    expect(first.status, first.stderr).toBe(0);
    const applied = JSON.parse(first.stdout) as { applied: string[]; migration: string };
    expect(applied.applied).toContain('0001-initial-schema');
    expect(applied.migration).toBe(applied.applied.at(-1));
    const again = await cli('migrate');
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(`is up to date (migration ${applied.migration})`);
    const db = new Database(file);
    const known = db.prepare('select name from kysely_migration order by name').all() as { name: string }[];
    db.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run(
      '0099-from-the-future',
      new Date().toISOString(),
    );
    db.close();
    const before = readFileSync(file);
    const error = await openSqlDatabase(`sqlite:${file}`).then(
      () => undefined,
      (reason: AmlopsError) => reason,
    );
    expect(error).toMatchObject({ code: 'STORE_NEWER_THAN_CODE' });
    expect(error!.message).toContain('it is at migration 0099-from-the-future');
    expect(error!.message).toContain(`knows migrations up to ${known.at(-1)!.name}`);
    const refused = await cli('models', 'list');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('STORE_NEWER_THAN_CODE');
    expect(refused.stderr).toContain('0099-from-the-future');
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
