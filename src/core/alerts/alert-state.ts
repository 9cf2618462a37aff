/** Where an alert stands: ok, condition holding but not yet for long enough, firing, or no longer firing. */
export type AlertStateName = 'ok' | 'pending' | 'firing' | 'resolved';

/** One rule's alert as the store keeps it between evaluations. */
export interface AlertState {
  readonly rule: string;
  readonly state: AlertStateName;
  /** When the current state began (ms since the epoch). */
  readonly since: number;
  /** When the condition began to hold, while it holds; null otherwise. */
  readonly activeSince: number | null;
  /** The metric's value at the last evaluation; null when there was none (no data). */
  readonly value: number | null;
  /** What the value was measured on, or why there was none. */
  readonly detail: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly evaluatedAt: number;
  readonly silencedUntil: number | null;
  readonly silenceReason: string | null;
  readonly silencedBy: string | null;
  readonly acknowledgedAt: number | null;
  readonly acknowledgedBy: string | null;
}

/**
 * A rule's state before its first evaluation.
 *
 * @example
 * initialAlertState('live-data-drift', Date.now()).state; // 'ok'
 */
export function initialAlertState(rule: string, now: number): AlertState {
  return {
    rule,
    state: 'ok',
    since: now,
    activeSince: null,
    value: null,
    detail: 'not evaluated yet',
    labels: {},
    evaluatedAt: now,
    silencedUntil: null,
    silenceReason: null,
    silencedBy: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
  };
}
