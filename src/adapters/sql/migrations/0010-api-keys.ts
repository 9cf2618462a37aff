import type { Kysely, Migration } from 'kysely';

/**
 * API keys (issue 16): a row per key with the SHA-256 of its secret, never the secret; its name
 * is unique, revoked keys included, so that a name in the audit log always means one key.
 *
 * @example
 * migrations['0010-api-keys'] = apiKeysSchema();
 */
export function apiKeysSchema(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('api_keys')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint')
        .addColumn('revoked_at', 'bigint')
        .addColumn('revoked_by', 'text')
        .execute();
    },
  };
}
