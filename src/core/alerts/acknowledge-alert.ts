import { AmlopsError } from '../errors/index.js';
import type { AlertState } from './alert-state.js';

/**
 * An alert acknowledged: someone is on it (cleared when it resolves). ALERT_NOT_ACTIVE unless it
 * is pending or firing.
 *
 * @example
 * acknowledgeAlert(state, { by: 'alice' }, now).acknowledgedBy; // 'alice'
 */
export function acknowledgeAlert(state: AlertState, ack: { readonly by: string }, now: number): AlertState {
  if (state.state !== 'firing' && state.state !== 'pending')
    throw new AmlopsError(
      'ALERT_NOT_ACTIVE',
      `${state.rule} is ${state.state}: only a pending or firing alert can be acknowledged`,
      { rule: state.rule, state: state.state },
    );
  return { ...state, acknowledgedAt: now, acknowledgedBy: ack.by };
}
