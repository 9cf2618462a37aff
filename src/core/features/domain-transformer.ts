import type { Column } from '../frame/column.js';
import { domainFeature } from './domain-features.js';
import type { DomainState } from './feature-pipeline-state.js';
import type { MissingPolicy } from './feature-spec.js';
import { numericValues } from './numeric-values.js';

/**
 * Writes the derived features of `state` into `outputs` (one per feature, in `state.features`
 * order) from the inflow and outflow columns. A row with a missing input has a missing derived
 * feature, then kept or filled like any number, per the pipeline's policy.
 *
 * @example
 * transformDomain(incomeColumn, outcomeColumn, state, { strategy: 'keep' }, outputs);
 */
export function transformDomain(
  income: Column,
  outcome: Column,
  state: DomainState,
  missing: MissingPolicy,
  outputs: readonly Float32Array[],
): void {
  const incomes = numericValues(income).values;
  const outcomes = numericValues(outcome).values;
  const fill = missing.strategy === 'fill' ? missing.value : Number.NaN;
  state.features.forEach((name, f) => {
    const output = outputs[f]!;
    for (let i = 0; i < incomes.length; i++) {
      const v = domainFeature(name, incomes[i]!, outcomes[i]!);
      output[i] = !Number.isNaN(v) ? v : fill;
    }
  });
}
