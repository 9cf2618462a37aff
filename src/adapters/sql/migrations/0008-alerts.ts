import type { Kysely, Migration } from 'kysely';
import type { SqlFlavor } from '../sql-flavor.js';

/**
 * Alerts: each rule's current state (a row per rule, updated in a write transaction), the history
 * of transitions, silences and acknowledgements, and the notifications to deliver with every attempt
 * made (an outbox: a notification not yet delivered is retried by the next evaluation, also after a
 * restart).
 *
 * @example
 * migrations['0008-alerts'] = alertsSchema('sqlite');
 */
export function alertsSchema(kind: SqlFlavor['kind']): Migration {
  const id = kind === 'postgres' ? 'bigserial' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      const s = db.schema;
      await s
        .createTable('alert_states')
        .ifNotExists()
        .addColumn('rule', 'text', (c) => c.primaryKey())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('since', 'bigint', (c) => c.notNull())
        .addColumn('active_since', 'bigint')
        .addColumn('value', 'double precision')
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('labels', 'text', (c) => c.notNull())
        .addColumn('evaluated_at', 'bigint', (c) => c.notNull())
        .addColumn('silenced_until', 'bigint')
        .addColumn('silence_reason', 'text')
        .addColumn('silenced_by', 'text')
        .addColumn('acknowledged_at', 'bigint')
        .addColumn('acknowledged_by', 'text')
        .execute();
      await s
        .createTable('alert_events')
        .ifNotExists()
        .addColumn('id', id, (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('from_state', 'text')
        .addColumn('to_state', 'text')
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision')
        .addColumn('threshold', 'double precision')
        .addColumn('labels', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('actor', 'text')
        .execute();
      await s.createIndex('alert_events_time_idx').ifNotExists().on('alert_events').columns(['at']).execute();
      await s
        .createIndex('alert_events_rule_idx')
        .ifNotExists()
        .on('alert_events')
        .columns(['rule', 'at'])
        .execute();
      await s
        .createTable('alert_deliveries')
        .ifNotExists()
        .addColumn('id', id, (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('event_id', 'bigint', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('receiver', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('rounds', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('next_attempt_at', 'bigint')
        .addColumn('last_error', 'text')
        .addColumn('delivered_at', 'bigint')
        .execute();
      await s
        .createIndex('alert_deliveries_due_idx')
        .ifNotExists()
        .on('alert_deliveries')
        .columns(['state', 'next_attempt_at'])
        .execute();
      await s
        .createTable('alert_delivery_attempts')
        .ifNotExists()
        .addColumn('id', id, (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('delivery_id', 'bigint', (c) => c.notNull())
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('duration_ms', 'double precision', (c) => c.notNull())
        .addColumn('ok', 'integer', (c) => c.notNull())
        .addColumn('status', 'integer')
        .addColumn('error', 'text')
        .execute();
      await s
        .createIndex('alert_delivery_attempts_delivery_idx')
        .ifNotExists()
        .on('alert_delivery_attempts')
        .columns(['delivery_id'])
        .execute();
    },
  };
}
