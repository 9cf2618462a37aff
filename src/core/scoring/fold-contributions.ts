import type { CaseReasons, Reason } from './case-reasons.js';

/** How per-column contributions fold into reasons: the input features of each output column. */
export interface ReasonGroups {
  /** Reason (input feature) names, in first-seen order. */
  readonly features: readonly string[];
  /**
   * For each output column, the indices into `features` of the inputs it is computed from: one for
   * an amount or a one-hot column, two for a derived feature such as `net_flow`, whose
   * contribution is shared equally between the amounts it reads.
   */
  readonly inputsOf: readonly (readonly number[])[];
}

/**
 * Folds the contributions of one case (`phi`: one per output column, then the bias) into one
 * reason per input feature (`risk_pld=HIGH` and `risk_pld=LOW` into `risk_pld`; a derived feature
 * shared equally among the amounts it reads), naming the case's value, sorted by magnitude (ties
 * by name, so that the order is stable). The reasons still add up to the case's log-odds.
 *
 * @example
 * foldContributions(Float64Array.of(1.2, 0.01, -0.3, -1.5), groups, (g) => values[g]);
 * // { base: -1.5, reasons: [{ feature: 'risk_pld', value: 'HIGH', contribution: 1.21, text: 'risk_pld=HIGH +1.21' }, …] }
 */
export function foldContributions(
  phi: Float64Array | Float32Array,
  groups: ReasonGroups,
  groupValue: (group: number) => string | number | null,
): CaseReasons {
  const sums = new Float64Array(groups.features.length);
  const columns = groups.inputsOf.length;
  for (let c = 0; c < columns; c++) {
    const inputs = groups.inputsOf[c]!;
    for (const g of inputs) sums[g]! += phi[c]! / inputs.length;
  }
  const reasons: Reason[] = groups.features.map((feature, g) => {
    const value = groupValue(g);
    const contribution = round(sums[g]!);
    const shown = value === null ? '(missing)' : typeof value === 'number' ? String(round(value)) : value;
    return {
      feature,
      value,
      contribution,
      text: `${feature}=${shown} ${contribution >= 0 ? '+' : '-'}${Math.abs(contribution).toFixed(2)}`,
    };
  });
  reasons.sort(
    (a, b) =>
      Math.abs(b.contribution) - Math.abs(a.contribution) ||
      (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0),
  );
  return { base: round(phi[columns]!), reasons };
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
