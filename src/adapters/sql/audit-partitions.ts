import { sql } from 'kysely';

/** One month's partition of the audit table on PostgreSQL: its name, its table and the times it holds, [from, to). */
export interface AuditPartition {
  readonly name: string;
  readonly table: string;
  readonly from: number;
  readonly to: number;
}

/** The audit table (one row per request part, migration 0016); 0014 partitioned its per-case predecessor. */
export const AUDIT_TABLE = 'audit_parts';

/**
 * The partition (one calendar month, UTC) of `table` that holds the cases scored at `time`.
 *
 * @example
 * auditPartitionOf(Date.UTC(2026, 11, 4)); // { name: 'audit_parts_p202612', table: 'audit_parts', from: …, to: … }
 */
export function auditPartitionOf(time: number, table: string = AUDIT_TABLE): AuditPartition {
  const at = new Date(time);
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth();
  return {
    name: `${table}_p${year}${String(month + 1).padStart(2, '0')}`,
    table,
    from: Date.UTC(year, month, 1),
    to: Date.UTC(year, month + 1, 1),
  };
}

/** The month a partition's name says; undefined for another table. */
export function auditPartitionNamed(name: string): AuditPartition | undefined {
  const match = new RegExp(`^${AUDIT_TABLE}_p(\\d{4})(\\d{2})$`).exec(name);
  return match ? auditPartitionOf(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)) : undefined;
}

/** Runs one SQL statement: a pg client's `query`, or Kysely's raw SQL on a connection. */
export type RunSql = (text: string) => Promise<unknown>;

/** The statement that creates a month's partition unless it exists. */
export function createPartitionSql(partition: AuditPartition): string {
  return `create table if not exists ${partition.name} partition of ${partition.table} for values from (${partition.from}) to (${partition.to})`;
}

/**
 * Makes sure the partitions of every month among `times` exist, each created once per `known` set
 * (a writer's memory of what it created or saw). Two writers creating the same month at once: the
 * loser's error (the table exists) is ignored.
 *
 * @example
 * await ensureAuditPartitions((text) => client.query(text), times, known);
 */
export async function ensureAuditPartitions(
  run: RunSql,
  times: Iterable<number>,
  known: Set<string>,
): Promise<void> {
  const wanted = new Map<string, AuditPartition>();
  let last: AuditPartition | undefined;
  for (const time of times) {
    // Times come in runs of one month: its partition is worked out once per run.
    if (last && time >= last.from && time < last.to) continue;
    last = auditPartitionOf(time);
    if (!known.has(last.name)) wanted.set(last.name, last);
  }
  for (const partition of wanted.values()) {
    await run(createPartitionSql(partition)).catch((error: { code?: string }) => {
      // 42P07: created by another writer meanwhile; 23505: the same race seen by the catalog.
      if (error.code !== '42P07' && error.code !== '23505') throw error;
    });
    known.add(partition.name);
  }
}

/** SQL listing the audit table's partitions. */
export const LIST_PARTITIONS = sql<{ name: string }>`select c.relname as name from pg_inherits i
  join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
  where p.relname = ${AUDIT_TABLE}`;
