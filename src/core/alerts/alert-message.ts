import type { AlertRule } from './alert-rule.js';
import type { AlertStateName } from './alert-state.js';

/** A value as people read it: at most 4 decimals, no trailing zeros. */
function figure(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
}

/**
 * The human text of an alert's change, e.g. `live-roc-auc-low firing: live.roc_auc 0.8123 < 0.89
 * (model consumers-laundering-model, version 3; 412 concluded cases)`.
 *
 * @example
 * alertMessage(rule, 'firing', 0.8123, { model: 'm', version: '3' }, '412 concluded cases');
 */
export function alertMessage(
  rule: AlertRule,
  to: AlertStateName,
  value: number | null,
  labels: Readonly<Record<string, string>>,
  detail: string,
): string {
  const where = Object.entries(labels)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const context = [where, detail].filter((part) => part !== '').join('; ');
  const measured =
    value === null
      ? `${rule.metric} has no value`
      : to === 'firing' || to === 'pending'
        ? `${rule.metric} ${figure(value)} ${rule.condition} ${figure(rule.threshold)}`
        : `${rule.metric} ${figure(value)}, no longer ${rule.condition} ${figure(rule.threshold)}`;
  return `${rule.name} ${to}: ${measured}${context ? ` (${context})` : ''}`;
}
