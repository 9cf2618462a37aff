import { type Kysely, type Migration, sql } from 'kysely';
import type { SqlFlavor } from '../sql-flavor.js';

/** The PostgreSQL channel told the model's name whenever one of its aliases is set, moved or removed. */
export const REGISTRY_CHANNEL = 'amlops_registry';

/**
 * On PostgreSQL, a trigger on `registered_model_aliases` that notifies {@link REGISTRY_CHANNEL} with
 * the model's name on every alias change, whoever makes it (amlops, MLflow's API, psql): scoring
 * replicas that listen follow a promotion at once instead of at their next poll (issue 15). Nothing
 * on SQLite, whose processes share one machine and poll.
 *
 * @example
 * migrations['0013-registry-notify'] = registryNotifySchema('postgres');
 */
export function registryNotifySchema(kind: SqlFlavor['kind']): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (kind !== 'postgres') return;
      await sql`
        create or replace function amlops_notify_registry() returns trigger language plpgsql as $$
        begin
          perform pg_notify(${sql.lit(REGISTRY_CHANNEL)}, coalesce(new.name, old.name));
          return null;
        end $$`.execute(db);
      await sql`drop trigger if exists amlops_registry_aliases_changed on registered_model_aliases`.execute(
        db,
      );
      await sql`
        create trigger amlops_registry_aliases_changed
        after insert or update or delete on registered_model_aliases
        for each row execute function amlops_notify_registry()`.execute(db);
    },
  };
}
