import type { AlertState } from '../core/alerts/alert-state.js';
import type { DeliveryAttempt } from './notifier.js';

/** Something that happened to an alert: a change of state, a silence, an acknowledgement. */
export interface AlertEvent {
  readonly id: number;
  readonly rule: string;
  readonly at: number;
  readonly kind: 'transition' | 'silence' | 'acknowledge';
  /** For transitions: the states before and after. */
  readonly from: string | null;
  readonly to: string | null;
  readonly severity: string;
  readonly value: number | null;
  readonly threshold: number | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly message: string;
  /** Who silenced or acknowledged; null for evaluations. */
  readonly actor: string | null;
}

/** A notification to deliver (the outbox): made with the event, retried until delivered or given up. */
export interface AlertDelivery {
  readonly id: number;
  readonly eventId: number;
  readonly rule: string;
  /** Where to (a notifier's name, never a secret). */
  readonly receiver: string;
  readonly payload: unknown;
  readonly state: 'pending' | 'delivered' | 'failed';
  readonly attempts: number;
  /** Rounds of attempts made (the notifier retries within a round). */
  readonly rounds: number;
  readonly createdAt: number;
  readonly nextAttemptAt: number | null;
  readonly lastError: string | null;
  readonly deliveredAt: number | null;
}

/** What an update of an alert writes: its new state, and the event and notification it makes, if any. */
export interface AlertUpdate {
  readonly state: AlertState;
  readonly event?: Omit<AlertEvent, 'id'>;
  readonly delivery?: { readonly receiver: string; readonly payload: unknown };
}

/**
 * Where alerts live: each rule's current state, the history of what happened to it, and the
 * notifications to deliver with every attempt made. States survive restarts; an update is a read
 * and a write in one transaction, so that two evaluators never lose or repeat a transition.
 */
export interface AlertStore {
  /** Every rule's state, by rule name. */
  states(): Promise<readonly AlertState[]>;
  /**
   * Reads a rule's state (undefined for a rule never evaluated) and writes what `update` returns
   * (nothing when it returns undefined), with its event and delivery, in one transaction.
   */
  updateState(
    rule: string,
    update: (previous: AlertState | undefined) => AlertUpdate | undefined,
  ): Promise<(AlertUpdate & { readonly eventId: number | null }) | undefined>;
  /** Newest first. */
  events(query?: {
    readonly rule?: string;
    readonly since?: number;
    readonly until?: number;
    readonly maxResults?: number;
  }): Promise<readonly AlertEvent[]>;
  /** Pending deliveries whose next attempt is due at `now`, oldest first. */
  dueDeliveries(now: number, limit: number): Promise<readonly AlertDelivery[]>;
  /** Records one attempt at a delivery. */
  recordAttempt(deliveryId: number, attempt: DeliveryAttempt): Promise<void>;
  /** Sets a delivery's outcome after a round of attempts (counting the round). */
  settleDelivery(
    deliveryId: number,
    outcome: {
      readonly state: AlertDelivery['state'];
      readonly nextAttemptAt: number | null;
      readonly lastError: string | null;
      readonly deliveredAt: number | null;
    },
  ): Promise<void>;
  /** Newest first. */
  deliveries(query?: {
    readonly rule?: string;
    readonly maxResults?: number;
  }): Promise<readonly AlertDelivery[]>;
  attempts(deliveryId: number): Promise<readonly (DeliveryAttempt & { readonly deliveryId: number })[]>;
  close(): Promise<void>;
}
