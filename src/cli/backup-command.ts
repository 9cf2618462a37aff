import { resolve } from 'node:path';
import { Command } from 'commander';
import { backupSqlite } from '../adapters/sql/backup-sqlite.js';
import { databaseUrlOf } from '../config/index.js';
import type { CliContext } from './cli-context.js';

/**
 * `amlops backup --out FILE`: a consistent copy of the embedded SQLite store, taken while it is in
 * use (`VACUUM INTO`: one moment, writers never wait), checked before it is reported. PostgreSQL stores are backed up
 * with `pg_dump` (docs/deploy.md).
 */
export function backupCommand(context: CliContext): Command {
  return new Command('backup')
    .description('copy the embedded SQLite store while it is in use (PostgreSQL: use pg_dump)')
    .requiredOption('--out <file>', 'where the copy goes; never overwritten')
    .option('--json', 'print {file, bytes} as JSON')
    .action(async (flags: { out: string }, command: Command) => {
      const { config } = context.config(command);
      const backup = await backupSqlite(
        databaseUrlOf(config, context.io.cwd),
        resolve(context.io.cwd, flags.out),
      );
      context.print(
        command,
        backup,
        () => `backed up the store to ${backup.file} (${backup.bytes} bytes, integrity checked)`,
      );
    });
}
