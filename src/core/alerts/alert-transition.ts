import type { AlertCondition, AlertSeverity } from './alert-rule.js';
import type { AlertStateName } from './alert-state.js';

/** A change of an alert's state, as recorded in its history and, when `notify`, sent out. */
export interface AlertTransition {
  readonly rule: string;
  readonly severity: AlertSeverity;
  readonly from: AlertStateName;
  readonly to: AlertStateName;
  readonly at: number;
  readonly value: number | null;
  readonly threshold: number;
  readonly condition: AlertCondition;
  readonly labels: Readonly<Record<string, string>>;
  readonly message: string;
  /** When the alert began firing (for a resolution, the firing it ends). */
  readonly firingSince?: number;
  /** True for a transition to firing and from firing to resolved, unless the rule is silenced. */
  readonly notify: boolean;
}
