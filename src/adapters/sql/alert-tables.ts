import type { Generated } from 'kysely';

/** The alerts' tables (migration 0008), as Kysely sees them. */
export type AlertTables = {
  alert_states: {
    rule: string;
    state: string;
    since: number;
    active_since: number | null;
    value: number | null;
    detail: string;
    labels: string;
    evaluated_at: number;
    silenced_until: number | null;
    silence_reason: string | null;
    silenced_by: string | null;
    acknowledged_at: number | null;
    acknowledged_by: string | null;
  };
  alert_events: {
    id: Generated<number>;
    rule: string;
    at: number;
    kind: string;
    from_state: string | null;
    to_state: string | null;
    severity: string;
    value: number | null;
    threshold: number | null;
    labels: string;
    message: string;
    actor: string | null;
  };
  alert_deliveries: {
    id: Generated<number>;
    event_id: number;
    rule: string;
    receiver: string;
    payload: string;
    state: string;
    attempts: number;
    rounds: number;
    created_at: number;
    next_attempt_at: number | null;
    last_error: string | null;
    delivered_at: number | null;
  };
  alert_delivery_attempts: {
    id: Generated<number>;
    delivery_id: number;
    attempt: number;
    at: number;
    duration_ms: number;
    ok: number;
    status: number | null;
    error: string | null;
  };
};
