import type { Kysely, Selectable } from 'kysely';
import type { AlertState } from '../../core/alerts/alert-state.js';
import type { AlertDelivery, AlertEvent, AlertStore, AlertUpdate } from '../../ports/alert-store.js';
import type { DeliveryAttempt } from '../../ports/notifier.js';
import type { AlertTables } from './alert-tables.js';
import type { Database } from './database.js';
import type { SqlDatabase } from './sql-database.js';

type Db = Kysely<Database & AlertTables>;
type StateRow = Selectable<AlertTables['alert_states']>;
type EventRow = Selectable<AlertTables['alert_events']>;
type DeliveryRow = Selectable<AlertTables['alert_deliveries']>;

const DEFAULT_PAGE = 100;

/**
 * Alerts on SQLite or PostgreSQL, sharing the stores' database: a state row per rule, updated in a
 * write transaction that locks it; events, deliveries and attempts appended.
 *
 * @example
 * const alerts = await SqlAlertStore.open(database);
 * await alerts.updateState('live-drift', (previous) => ({ state: next(previous) }));
 */
export class SqlAlertStore implements AlertStore {
  readonly #database: SqlDatabase;
  readonly #db: Db;

  private constructor(database: SqlDatabase) {
    this.#database = database;
    this.#db = database.db.withTables<AlertTables>();
  }

  /** Takes one reference to `database`, released by `close`. */
  static async open(database: SqlDatabase): Promise<SqlAlertStore> {
    database.retain();
    return new SqlAlertStore(database);
  }

  async states(): Promise<readonly AlertState[]> {
    const rows = await this.#db.selectFrom('alert_states').selectAll().orderBy('rule').execute();
    return rows.map(toState);
  }

  async updateState(
    rule: string,
    update: (previous: AlertState | undefined) => AlertUpdate | undefined,
  ): Promise<(AlertUpdate & { readonly eventId: number | null }) | undefined> {
    const { flavor } = this.#database;
    const attempt = () =>
      flavor.writeTransaction(this.#database.db, async (trx) => {
        const db = trx.withTables<AlertTables>();
        const row = await flavor
          .forUpdate(db.selectFrom('alert_states').selectAll().where('rule', '=', rule))
          .executeTakeFirst();
        const result = update(row ? toState(row) : undefined);
        if (!result) return undefined;
        const values = fromState(result.state);
        if (row) await db.updateTable('alert_states').set(values).where('rule', '=', rule).execute();
        else await db.insertInto('alert_states').values(values).execute();
        let eventId: number | null = null;
        if (result.event) {
          const e = result.event;
          const inserted = await db
            .insertInto('alert_events')
            .values({
              rule: e.rule,
              at: e.at,
              kind: e.kind,
              from_state: e.from,
              to_state: e.to,
              severity: e.severity,
              value: finiteOrNull(e.value),
              threshold: finiteOrNull(e.threshold),
              labels: JSON.stringify(e.labels),
              message: e.message,
              actor: e.actor,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          eventId = Number(inserted.id);
          if (result.delivery)
            await db
              .insertInto('alert_deliveries')
              .values({
                event_id: eventId,
                rule: e.rule,
                receiver: result.delivery.receiver,
                payload: JSON.stringify(result.delivery.payload),
                state: 'pending',
                attempts: 0,
                rounds: 0,
                created_at: e.at,
                next_attempt_at: e.at,
                last_error: null,
                delivered_at: null,
              })
              .execute();
        }
        return { ...result, eventId };
      });
    try {
      return await attempt();
    } catch (error) {
      // Two evaluators met a rule's first state at once: the loser reads the winner's and tries again.
      if (flavor.isUniqueViolation(error)) return attempt();
      throw error;
    }
  }

  async events(
    query: {
      readonly rule?: string;
      readonly since?: number;
      readonly until?: number;
      readonly maxResults?: number;
    } = {},
  ): Promise<readonly AlertEvent[]> {
    let q = this.#db.selectFrom('alert_events').selectAll();
    if (query.rule !== undefined) q = q.where('rule', '=', query.rule);
    if (query.since !== undefined) q = q.where('at', '>=', query.since);
    if (query.until !== undefined) q = q.where('at', '<', query.until);
    const rows = await q
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.maxResults ?? DEFAULT_PAGE)
      .execute();
    return rows.map(toEvent);
  }

  async dueDeliveries(now: number, limit: number): Promise<readonly AlertDelivery[]> {
    const rows = await this.#db
      .selectFrom('alert_deliveries')
      .selectAll()
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('id', 'asc')
      .limit(limit)
      .execute();
    return rows.map(toDelivery);
  }

  async recordAttempt(deliveryId: number, attempt: DeliveryAttempt): Promise<void> {
    await this.#database.flavor.writeTransaction(this.#database.db, async (trx) => {
      const db = trx.withTables<AlertTables>();
      await db
        .insertInto('alert_delivery_attempts')
        .values({
          delivery_id: deliveryId,
          attempt: attempt.attempt,
          at: attempt.at,
          duration_ms: attempt.durationMs,
          ok: attempt.ok ? 1 : 0,
          status: attempt.status,
          error: attempt.error,
        })
        .execute();
      await db
        .updateTable('alert_deliveries')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: attempt.error }))
        .where('id', '=', deliveryId)
        .execute();
    });
  }

  async settleDelivery(
    deliveryId: number,
    outcome: {
      readonly state: AlertDelivery['state'];
      readonly nextAttemptAt: number | null;
      readonly lastError: string | null;
      readonly deliveredAt: number | null;
    },
  ): Promise<void> {
    await this.#db
      .updateTable('alert_deliveries')
      .set((eb) => ({
        rounds: eb('rounds', '+', 1),
        state: outcome.state,
        next_attempt_at: outcome.nextAttemptAt,
        last_error: outcome.lastError,
        delivered_at: outcome.deliveredAt,
      }))
      .where('id', '=', deliveryId)
      .execute();
  }

  async deliveries(
    query: { readonly rule?: string; readonly maxResults?: number } = {},
  ): Promise<readonly AlertDelivery[]> {
    let q = this.#db.selectFrom('alert_deliveries').selectAll();
    if (query.rule !== undefined) q = q.where('rule', '=', query.rule);
    const rows = await q
      .orderBy('id', 'desc')
      .limit(query.maxResults ?? DEFAULT_PAGE)
      .execute();
    return rows.map(toDelivery);
  }

  async attempts(
    deliveryId: number,
  ): Promise<readonly (DeliveryAttempt & { readonly deliveryId: number })[]> {
    const rows = await this.#db
      .selectFrom('alert_delivery_attempts')
      .selectAll()
      .where('delivery_id', '=', deliveryId)
      .orderBy('id', 'asc')
      .execute();
    return rows.map((r) => ({
      deliveryId: Number(r.delivery_id),
      attempt: Number(r.attempt),
      at: Number(r.at),
      durationMs: Number(r.duration_ms),
      ok: Number(r.ok) === 1,
      status: r.status === null ? null : Number(r.status),
      error: r.error,
    }));
  }

  close(): Promise<void> {
    return this.#database.close();
  }
}

function finiteOrNull(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : value;
}

const nullableNumber = (value: number | null): number | null => (value === null ? null : Number(value));

function toState(row: StateRow): AlertState {
  return {
    rule: row.rule,
    state: row.state as AlertState['state'],
    since: Number(row.since),
    activeSince: nullableNumber(row.active_since),
    value: nullableNumber(row.value),
    detail: row.detail,
    labels: JSON.parse(row.labels) as Record<string, string>,
    evaluatedAt: Number(row.evaluated_at),
    silencedUntil: nullableNumber(row.silenced_until),
    silenceReason: row.silence_reason,
    silencedBy: row.silenced_by,
    acknowledgedAt: nullableNumber(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by,
  };
}

function fromState(state: AlertState): AlertTables['alert_states'] {
  return {
    rule: state.rule,
    state: state.state,
    since: state.since,
    active_since: state.activeSince,
    value: state.value === null || !Number.isFinite(state.value) ? null : state.value,
    detail: state.detail,
    labels: JSON.stringify(state.labels),
    evaluated_at: state.evaluatedAt,
    silenced_until: state.silencedUntil,
    silence_reason: state.silenceReason,
    silenced_by: state.silencedBy,
    acknowledged_at: state.acknowledgedAt,
    acknowledged_by: state.acknowledgedBy,
  };
}

function toEvent(row: EventRow): AlertEvent {
  return {
    id: Number(row.id),
    rule: row.rule,
    at: Number(row.at),
    kind: row.kind as AlertEvent['kind'],
    from: row.from_state,
    to: row.to_state,
    severity: row.severity,
    value: nullableNumber(row.value),
    threshold: nullableNumber(row.threshold),
    labels: JSON.parse(row.labels) as Record<string, string>,
    message: row.message,
    actor: row.actor,
  };
}

function toDelivery(row: DeliveryRow): AlertDelivery {
  return {
    id: Number(row.id),
    eventId: Number(row.event_id),
    rule: row.rule,
    receiver: row.receiver,
    payload: JSON.parse(row.payload) as unknown,
    state: row.state as AlertDelivery['state'],
    attempts: Number(row.attempts),
    rounds: Number(row.rounds),
    createdAt: Number(row.created_at),
    nextAttemptAt: nullableNumber(row.next_attempt_at),
    lastError: row.last_error,
    deliveredAt: nullableNumber(row.delivered_at),
  };
}
