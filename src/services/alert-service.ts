import { acknowledgeAlert } from '../core/alerts/acknowledge-alert.js';
import type { AlertRule } from '../core/alerts/alert-rule.js';
import { type AlertState, initialAlertState } from '../core/alerts/alert-state.js';
import type { AlertTransition } from '../core/alerts/alert-transition.js';
import { evaluateAlert } from '../core/alerts/evaluate-alert.js';
import { grafanaWebhookPayload } from '../core/alerts/grafana-webhook-payload.js';
import { silenceAlert } from '../core/alerts/silence-alert.js';
import { AmlopsError } from '../core/errors/index.js';
import type { AlertStore } from '../ports/alert-store.js';
import type { Notifier } from '../ports/notifier.js';
import type { Observation } from './live-observations.js';

/** The `receiver` of the notifications amlops sends, as Grafana names its contact points. */
export const ALERT_RECEIVER = 'amlops';

/** A delivery that failed every attempt of a round is tried again after this, doubling each round. */
const ROUND_BACKOFF_MS = 60_000;
/** Rounds of attempts before a delivery is given up (recorded as failed). */
const MAX_ROUNDS = 6;

export interface AlertServiceDeps {
  readonly store: AlertStore;
  readonly rules: readonly AlertRule[];
  /** Where notifications go besides the log; none when no webhook is configured. */
  readonly notifier?: Notifier;
  readonly now: () => number;
  /** One line per transition (the log notifier). */
  readonly log?: (transition: AlertTransition) => void;
}

/** What a round of deliveries did. */
export interface DeliveryRound {
  readonly delivered: number;
  readonly retrying: number;
  readonly failed: number;
}

function ruleNamed(rules: readonly AlertRule[], name: string): AlertRule {
  const rule = rules.find((r) => r.name === name);
  if (!rule)
    throw new AmlopsError(
      'ALERT_RULE_UNKNOWN',
      `no alert rule named '${name}'; rules: ${rules.map((r) => r.name).join(', ') || '(none)'}`,
      { rule: name },
    );
  return rule;
}

/**
 * Evaluates the rules that have an observation: each rule's state is read and written in one
 * transaction, each transition recorded in the history, and a notification queued for those that
 * notify (firing, resolved; not while silenced) when a notifier is configured. Returns the transitions.
 *
 * @example
 * const transitions = await evaluateAlerts(deps, new Map([['test-roc-auc-low', { value: 0.81, labels: { version: '4' }, detail: '' }]]));
 */
export async function evaluateAlerts(
  deps: AlertServiceDeps,
  observations: ReadonlyMap<string, Observation>,
): Promise<AlertTransition[]> {
  const transitions: AlertTransition[] = [];
  for (const rule of deps.rules) {
    const observation = observations.get(rule.name);
    if (!observation) continue;
    const now = deps.now();
    let made: AlertTransition | null = null;
    await deps.store.updateState(rule.name, (previous) => {
      const { state, transition } = evaluateAlert(rule, previous, observation, now);
      made = transition;
      if (!transition) return { state };
      return {
        state,
        event: {
          rule: rule.name,
          at: transition.at,
          kind: 'transition',
          from: transition.from,
          to: transition.to,
          severity: transition.severity,
          value: transition.value,
          threshold: transition.threshold,
          labels: transition.labels,
          message: transition.message,
          actor: null,
        },
        ...(transition.notify && deps.notifier
          ? {
              delivery: {
                receiver: deps.notifier.name,
                payload: grafanaWebhookPayload([transition], { receiver: ALERT_RECEIVER }),
              },
            }
          : {}),
      };
    });
    const transition = made as AlertTransition | null;
    if (transition) {
      transitions.push(transition);
      deps.log?.(transition);
    }
  }
  return transitions;
}

/**
 * Delivers the notifications that are due, each through the notifier's own retries, recording every
 * attempt; one that fails a whole round is tried again after 1, 2, 4… minutes (by the next
 * evaluation, also after a restart) and given up after 6 rounds.
 *
 * @example
 * await deliverAlerts(deps); // { delivered: 1, retrying: 0, failed: 0 }
 */
export async function deliverAlerts(deps: AlertServiceDeps): Promise<DeliveryRound> {
  const round = { delivered: 0, retrying: 0, failed: 0 };
  if (!deps.notifier) return round;
  const due = await deps.store.dueDeliveries(deps.now(), 100);
  for (const delivery of due) {
    let lastError: string | null = null;
    const outcome = await deps.notifier.deliver(delivery.payload, async (attempt) => {
      lastError = attempt.error;
      await deps.store.recordAttempt(delivery.id, {
        ...attempt,
        attempt: delivery.attempts + attempt.attempt,
      });
    });
    const rounds = delivery.rounds + 1;
    const now = deps.now();
    if (outcome.delivered) {
      round.delivered++;
      await deps.store.settleDelivery(delivery.id, {
        state: 'delivered',
        nextAttemptAt: null,
        lastError: null,
        deliveredAt: now,
      });
      continue;
    }
    if (rounds >= MAX_ROUNDS) {
      round.failed++;
      await deps.store.settleDelivery(delivery.id, {
        state: 'failed',
        nextAttemptAt: null,
        lastError,
        deliveredAt: null,
      });
    } else {
      round.retrying++;
      await deps.store.settleDelivery(delivery.id, {
        state: 'pending',
        nextAttemptAt: now + ROUND_BACKOFF_MS * 2 ** (rounds - 1),
        lastError,
        deliveredAt: null,
      });
    }
  }
  return round;
}

/** Silences a rule until a time: it is still evaluated, but notifies nothing; recorded with who and why. */
export async function silenceRule(
  deps: Pick<AlertServiceDeps, 'store' | 'rules' | 'now'>,
  name: string,
  silence: { readonly until: number; readonly reason: string; readonly by: string },
): Promise<AlertState> {
  const rule = ruleNamed(deps.rules, name);
  const now = deps.now();
  const written = await deps.store.updateState(name, (previous) => {
    const state = silenceAlert(previous ?? initialAlertState(rule.name, now), silence, now);
    return {
      state,
      event: {
        rule: name,
        at: now,
        kind: 'silence',
        from: null,
        to: null,
        severity: rule.severity,
        value: null,
        threshold: null,
        labels: state.labels,
        message: `${name} silenced until ${new Date(silence.until).toISOString()} by ${silence.by}: ${silence.reason}`,
        actor: silence.by,
      },
    };
  });
  return written!.state;
}

/** Acknowledges a pending or firing alert: someone is on it; recorded with who. */
export async function acknowledgeRule(
  deps: Pick<AlertServiceDeps, 'store' | 'rules' | 'now'>,
  name: string,
  by: string,
): Promise<AlertState> {
  const rule = ruleNamed(deps.rules, name);
  const now = deps.now();
  const written = await deps.store.updateState(name, (previous) => {
    const state = acknowledgeAlert(previous ?? initialAlertState(rule.name, now), { by }, now);
    return {
      state,
      event: {
        rule: name,
        at: now,
        kind: 'acknowledge',
        from: null,
        to: null,
        severity: rule.severity,
        value: state.value,
        threshold: rule.threshold,
        labels: state.labels,
        message: `${name} acknowledged by ${by}`,
        actor: by,
      },
    };
  });
  return written!.state;
}
