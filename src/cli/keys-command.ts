import { Command } from 'commander';
import { SqlApiKeyStore } from '../adapters/sql/api-key-sql-store.js';
import { openSqlDatabase } from '../adapters/sql/open-sql-database.js';
import { databaseUrlOf } from '../config/index.js';
import { isRole, ROLES } from '../core/auth/index.js';
import { AmlopsError } from '../core/errors/index.js';
import type { ApiKeyRecord, ApiKeyStore } from '../ports/api-key-store.js';
import { createApiKey } from '../services/api-keys.js';
import type { CliContext } from './cli-context.js';
import { decisionMaker } from './decision-maker.js';
import { renderTable } from './render-table.js';

interface CreateFlags {
  readonly name: string;
  readonly role: string;
  readonly expires?: string;
  readonly by?: string;
}

/**
 * `amlops keys create|list|revoke`: the API keys a server with `auth.mode=keys` accepts. A key is
 * printed once, when it is made; the store keeps only its hash.
 */
export function keysCommand(context: CliContext): Command {
  const withKeys = async <T>(command: Command, work: (keys: ApiKeyStore) => Promise<T>): Promise<T> => {
    const { config } = context.config(command);
    const database = await openSqlDatabase(databaseUrlOf(config, context.io.cwd));
    const keys = await SqlApiKeyStore.open(database);
    await database.close();
    try {
      return await work(keys);
    } finally {
      await keys.close();
    }
  };
  const create = new Command('create')
    .description('make an API key; it is printed once, only its hash is kept')
    .requiredOption('--name <name>', 'unique name, recorded as the caller of what the key does')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--expires <date>', 'when it stops working: an ISO date or time (default: never)')
    .option('--by <name>', 'who makes it (default: AMLOPS_USER or the login name)')
    .option('--json', 'print {key, name, role, expiresAt} as JSON')
    .action(async (flags: CreateFlags, command: Command) => {
      if (!isRole(flags.role))
        throw new AmlopsError(
          'USAGE',
          `--role must be one of ${ROLES.join(', ')}; got ${JSON.stringify(flags.role)}`,
        );
      const role = flags.role;
      const expiresAt = flags.expires === undefined ? undefined : Date.parse(flags.expires);
      if (expiresAt !== undefined && Number.isNaN(expiresAt))
        throw new AmlopsError(
          'USAGE',
          `--expires must be an ISO date or time such as 2027-06-30; got ${JSON.stringify(flags.expires)}`,
        );
      const by = decisionMaker(context.io, flags.by);
      const made = await withKeys(command, (keys) =>
        createApiKey(keys, {
          name: flags.name,
          role,
          by,
          now: Date.now(),
          ...(expiresAt === undefined ? {} : { expiresAt }),
        }),
      );
      context.print(command, { key: made.key, ...made.record }, () =>
        [
          made.key,
          `API key '${made.record.name}' (role ${made.record.role}${made.record.expiresAt ? `, expires ${new Date(made.record.expiresAt).toISOString()}` : ''}) made; it is shown only now: send it as Authorization: Bearer <key>`,
        ].join('\n'),
      );
    });
  const list = new Command('list')
    .description('every key: name, role, who made it and when, expiry, revocation (never the key)')
    .option('--json', 'print the keys as JSON')
    .action(async (_flags, command: Command) => {
      const keys = await withKeys(command, (store) => store.list());
      context.print(command, keys, () => renderKeys(keys));
    });
  const revoke = new Command('revoke')
    .description('stop a key from working (on every server within 5 seconds)')
    .argument('<name>', "the key's name (or id)")
    .option('--by <name>', 'who revokes it (default: AMLOPS_USER or the login name)')
    .option('--json', 'print the revoked key as JSON')
    .action(async (name: string, flags: { by?: string }, command: Command) => {
      const by = decisionMaker(context.io, flags.by);
      const revoked = await withKeys(command, (keys) => keys.revoke(name, Date.now(), by));
      context.print(
        command,
        revoked,
        () =>
          `API key '${revoked.name}' revoked by ${revoked.revokedBy} at ${new Date(revoked.revokedAt!).toISOString()}`,
      );
    });
  return new Command('keys')
    .description('API keys for a server with auth.mode=keys: create, list, revoke')
    .addCommand(create)
    .addCommand(list)
    .addCommand(revoke);
}

function renderKeys(keys: readonly ApiKeyRecord[]): string {
  if (keys.length === 0) return 'no API keys yet: amlops keys create --name NAME --role ROLE';
  const time = (t: number | null) =>
    t === null ? '-' : new Date(t).toISOString().slice(0, 19).replace('T', ' ');
  return renderTable(
    ['NAME', 'ROLE', 'CREATED', 'BY', 'EXPIRES', 'REVOKED'],
    keys.map((k) => [
      k.name,
      k.role,
      time(k.createdAt),
      k.createdBy,
      time(k.expiresAt),
      k.revokedAt === null ? '-' : `${time(k.revokedAt)} by ${k.revokedBy}`,
    ]),
  );
}
