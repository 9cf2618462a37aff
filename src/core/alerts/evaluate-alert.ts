import { alertMessage } from './alert-message.js';
import type { AlertRule } from './alert-rule.js';
import { type AlertState, type AlertStateName, initialAlertState } from './alert-state.js';
import type { AlertTransition } from './alert-transition.js';

/** A metric's value for a rule now, or null with the reason there is none. */
export interface AlertObservation {
  readonly value: number | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly detail: string;
}

function holds(rule: AlertRule, value: number): boolean {
  switch (rule.condition) {
    case '<':
      return value < rule.threshold;
    case '<=':
      return value <= rule.threshold;
    case '>':
      return value > rule.threshold;
    case '>=':
      return value >= rule.threshold;
  }
}

/**
 * One evaluation of a rule: the alert's next state and the transition it made, if any.
 * - the condition holds: ok (or resolved) goes to pending, or straight to firing when the rule's
 *   `for` is 0; pending goes to firing once the condition has held for `for`;
 * - it does not: pending goes back to ok, firing to resolved (which counts as ok afterwards);
 * - no value (no data): the state stays, only the detail and evaluation time change.
 * Transitions to firing and from firing to resolved notify, unless the rule is silenced; a
 * resolution clears the acknowledgement.
 *
 * @example
 * const { state, transition } = evaluateAlert(rule, previous, { value: 0.81, labels: { version: '4' }, detail: '' }, now);
 */
export function evaluateAlert(
  rule: AlertRule,
  previous: AlertState | undefined,
  observation: AlertObservation,
  now: number,
): { readonly state: AlertState; readonly transition: AlertTransition | null } {
  const before = previous ?? initialAlertState(rule.name, now);
  const evaluated = { ...before, evaluatedAt: now, detail: observation.detail };
  if (observation.value === null || Number.isNaN(observation.value))
    return { state: { ...evaluated, value: null }, transition: null };
  const value = observation.value;
  const active = holds(rule, value);
  const current: AlertStateName = before.state === 'resolved' ? 'ok' : before.state;
  let next: AlertStateName = current;
  let activeSince = before.activeSince;
  if (active) {
    activeSince ??= now;
    if (current === 'ok') next = rule.forMs === 0 ? 'firing' : 'pending';
    if (current === 'pending' && now - activeSince >= rule.forMs) next = 'firing';
  } else {
    activeSince = null;
    if (current === 'pending') next = 'ok';
    if (current === 'firing') next = 'resolved';
  }
  const state: AlertState = {
    ...evaluated,
    value,
    labels: observation.labels,
    activeSince,
    state: next === current && before.state === 'resolved' ? 'resolved' : next,
    since: next === current ? before.since : now,
    ...(next === 'resolved' ? { acknowledgedAt: null, acknowledgedBy: null } : {}),
  };
  if (next === current) return { state, transition: null };
  const silenced = before.silencedUntil !== null && before.silencedUntil > now;
  const notify = !silenced && (next === 'firing' || (current === 'firing' && next === 'resolved'));
  return {
    state,
    transition: {
      rule: rule.name,
      severity: rule.severity,
      from: before.state,
      to: next,
      at: now,
      value,
      threshold: rule.threshold,
      condition: rule.condition,
      labels: observation.labels,
      message: alertMessage(rule, next, value, observation.labels, observation.detail),
      ...(next === 'firing'
        ? { firingSince: now }
        : current === 'firing'
          ? { firingSince: before.since }
          : {}),
      notify,
    },
  };
}
