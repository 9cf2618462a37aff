import { AmlopsError } from '../errors/index.js';
import type { AlertState } from './alert-state.js';

/**
 * An alert silenced until a time: still evaluated and recorded, but it notifies nothing until then.
 * ALERT_SILENCE_INVALID when the end is not in the future or the reason is empty.
 *
 * @example
 * silenceAlert(state, { until: now + 3_600_000, reason: 'known batch import', by: 'alice' }, now);
 */
export function silenceAlert(
  state: AlertState,
  silence: { readonly until: number; readonly reason: string; readonly by: string },
  now: number,
): AlertState {
  if (!Number.isFinite(silence.until) || silence.until <= now)
    throw new AmlopsError(
      'ALERT_SILENCE_INVALID',
      `a silence must end in the future; ${new Date(silence.until).toISOString()} is not after ${new Date(now).toISOString()}`,
    );
  if (silence.reason.trim() === '')
    throw new AmlopsError('ALERT_SILENCE_INVALID', 'a silence needs a reason');
  return {
    ...state,
    silencedUntil: silence.until,
    silenceReason: silence.reason.trim(),
    silencedBy: silence.by,
  };
}
