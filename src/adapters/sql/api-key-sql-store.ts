import type { Kysely, Selectable } from 'kysely';
import { isRole } from '../../core/auth/index.js';
import { AmlopsError } from '../../core/errors/index.js';
import type { ApiKeyRecord, ApiKeyStore, StoredApiKey } from '../../ports/api-key-store.js';
import type { ApiKeyTables } from './api-key-tables.js';
import type { Database } from './database.js';
import type { SqlDatabase } from './sql-database.js';

type Row = Selectable<ApiKeyTables['api_keys']>;

/**
 * API keys on SQLite or PostgreSQL, sharing the stores' database.
 *
 * @example
 * const keys = await SqlApiKeyStore.open(database);
 * await keys.revoke('ci-bot', Date.now(), 'alice');
 */
export class SqlApiKeyStore implements ApiKeyStore {
  readonly #database: SqlDatabase;
  readonly #db: Kysely<Database & ApiKeyTables>;

  private constructor(database: SqlDatabase) {
    this.#database = database;
    this.#db = database.db.withTables<ApiKeyTables>();
  }

  /** Takes one reference to `database`, released by `close`. */
  static async open(database: SqlDatabase): Promise<SqlApiKeyStore> {
    database.retain();
    return new SqlApiKeyStore(database);
  }

  async create(key: StoredApiKey): Promise<ApiKeyRecord> {
    const taken = await this.#db
      .selectFrom('api_keys')
      .select('id')
      .where('name', '=', key.name)
      .executeTakeFirst();
    if (taken)
      throw new AmlopsError(
        'RESOURCE_ALREADY_EXISTS',
        `an API key named '${key.name}' exists already (revoked keys keep their names)`,
        {
          name: key.name,
        },
      );
    await this.#db
      .insertInto('api_keys')
      .values({
        id: key.id,
        name: key.name,
        role: key.role,
        secret_hash: key.secretHash,
        created_at: key.createdAt,
        created_by: key.createdBy,
        expires_at: key.expiresAt,
        revoked_at: null,
        revoked_by: null,
      })
      .execute();
    return record(toStored(await this.#row(key.id)));
  }

  async list(): Promise<readonly ApiKeyRecord[]> {
    const rows = await this.#db
      .selectFrom('api_keys')
      .selectAll()
      .orderBy('created_at', 'asc')
      .orderBy('name', 'asc')
      .execute();
    return rows.map((row) => record(toStored(row)));
  }

  async get(id: string): Promise<StoredApiKey | undefined> {
    const row = await this.#db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toStored(row) : undefined;
  }

  async revoke(nameOrId: string, at: number, by: string): Promise<ApiKeyRecord> {
    const row = await this.#db
      .selectFrom('api_keys')
      .selectAll()
      .where((eb) => eb.or([eb('name', '=', nameOrId), eb('id', '=', nameOrId)]))
      .executeTakeFirst();
    if (!row) throw new AmlopsError('NOT_FOUND', `no API key is named '${nameOrId}'`, { key: nameOrId });
    if (row.revoked_at === null)
      await this.#db
        .updateTable('api_keys')
        .set({ revoked_at: at, revoked_by: by })
        .where('id', '=', row.id)
        .execute();
    return record(toStored(await this.#row(row.id)));
  }

  async close(): Promise<void> {
    await this.#database.close();
  }

  async #row(id: string): Promise<Row> {
    return this.#db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }
}

function toStored(row: Row): StoredApiKey {
  if (!isRole(row.role))
    throw new AmlopsError('INVALID_STATE', `API key ${row.id} has an unknown role '${row.role}'`);
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    secretHash: row.secret_hash,
    createdAt: Number(row.created_at),
    createdBy: row.created_by,
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
    revokedBy: row.revoked_by,
  };
}

function record(key: StoredApiKey): ApiKeyRecord {
  const { secretHash: _, ...rest } = key;
  return rest;
}
