import type { AlertRule } from '../core/alerts/alert-rule.js';
import type { AlertState } from '../core/alerts/alert-state.js';
import type { AlertStore } from '../ports/alert-store.js';

/**
 * Every configured rule with its current state (undefined for a rule never evaluated), firing
 * first, then pending, then by name.
 *
 * @example
 * const overview = await alertOverview({ store, rules });
 */
export async function alertOverview(deps: {
  readonly store: Pick<AlertStore, 'states'>;
  readonly rules: readonly AlertRule[];
}): Promise<{ readonly rule: AlertRule; readonly state: AlertState | undefined }[]> {
  const states = new Map((await deps.store.states()).map((s) => [s.rule, s]));
  const rank = (state: AlertState | undefined) =>
    state?.state === 'firing' ? 0 : state?.state === 'pending' ? 1 : 2;
  return deps.rules
    .map((rule) => ({ rule, state: states.get(rule.name) }))
    .sort((a, b) => rank(a.state) - rank(b.state) || (a.rule.name < b.rule.name ? -1 : 1));
}
