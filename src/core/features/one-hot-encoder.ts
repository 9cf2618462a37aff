import type { Finding } from '../findings/finding.js';
import type { Column } from '../frame/column.js';
import { categoryCodes } from './category-codes.js';
import type { OneHotState } from './feature-pipeline-state.js';

/** The most unseen values listed in a finding. */
const LISTED_VALUES = 10;

/**
 * Fits a one-hot encoding: the sorted values seen in `column` and, unless `impute` is 'none',
 * the most frequent of them (ties to the first in sort order, as scikit-learn's SimpleImputer).
 *
 * @example
 * fitOneHot(riskColumn, 'most_frequent'); // { column: 'risk_pld', categories: ['HIGH', 'LOW', 'MEDIUM'], impute: 'LOW' }
 */
export function fitOneHot(column: Column, impute: 'most_frequent' | 'none'): OneHotState {
  const { codes, labels } = categoryCodes(column);
  const counts = new Float64Array(labels.length);
  for (let i = 0; i < codes.length; i++) if (codes[i]! >= 0) counts[codes[i]!]!++;
  const seen = labels.filter((_, code) => counts[code]! > 0);
  const categories = [...new Set(seen)].sort();
  let mostFrequent: string | null = null;
  let best = 0;
  const countOf = new Map<string, number>();
  labels.forEach((label, code) => {
    countOf.set(label, (countOf.get(label) ?? 0) + counts[code]!);
  });
  for (const category of categories) {
    const count = countOf.get(category)!;
    if (count > best) {
      best = count;
      mostFrequent = category;
    }
  }
  return { column: column.name, categories, impute: impute === 'none' ? null : mostFrequent };
}

/**
 * Encodes `column` into `outputs` (one zero-filled array per category of `state`): 1 in the
 * column of the row's value, all zeros for a value never seen in training (as DictVectorizer),
 * a missing value imputed. Returns findings: unseen values (count and values) and imputations.
 *
 * @example
 * const findings = transformOneHot(riskColumn, state, [high, low, medium]);
 */
export function transformOneHot(
  column: Column,
  state: OneHotState,
  outputs: readonly Float32Array[],
): Finding[] {
  const { codes, labels } = categoryCodes(column);
  const position = new Map(state.categories.map((category, index) => [category, index]));
  const target = Int32Array.from(labels, (label) => position.get(label) ?? -1);
  const imputed = state.impute === null ? -1 : (position.get(state.impute) ?? -1);
  const unseen = new Float64Array(labels.length);
  let missing = 0;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    let out: number;
    if (code < 0) {
      missing++;
      out = imputed;
    } else {
      out = target[code]!;
      if (out < 0) unseen[code]!++;
    }
    if (out >= 0) outputs[out]![i] = 1;
  }
  const findings: Finding[] = [];
  const unseenValues = labels
    .map((value, code) => ({ value, count: unseen[code]! }))
    .filter((u) => u.count > 0)
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  if (unseenValues.length > 0) {
    const total = unseenValues.reduce((sum, u) => sum + u.count, 0);
    const listed = unseenValues
      .slice(0, LISTED_VALUES)
      .map((u) => `${JSON.stringify(u.value)} x${u.count}`)
      .join(', ');
    findings.push({
      code: 'UNSEEN_CATEGORY',
      path: state.column,
      severity: 'warning',
      message: `${total} value${total === 1 ? '' : 's'} of ${state.column} never seen in training, encoded as all zeros: ${listed}`,
      value: total,
      details: { values: unseenValues.slice(0, LISTED_VALUES), distinct: unseenValues.length },
    });
  }
  if (missing > 0) {
    findings.push({
      code: 'MISSING_CATEGORY',
      path: state.column,
      severity: 'info',
      message:
        state.impute === null
          ? `${missing} missing value${missing === 1 ? '' : 's'} of ${state.column} encoded as all zeros`
          : `${missing} missing value${missing === 1 ? '' : 's'} of ${state.column} imputed as ${JSON.stringify(state.impute)}`,
      value: missing,
    });
  }
  return findings;
}
