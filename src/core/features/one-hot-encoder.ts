import type { Finding } from '../findings/finding.js';
import type { Column } from '../frame/column.js';
import { categoryCodes } from './category-codes.js';
import { categoryFolding, foldCategory } from './category-folding.js';
import type { OneHotState } from './feature-pipeline-state.js';

/** The most unseen values listed in a finding. */
const LISTED_VALUES = 10;

/**
 * Fits a one-hot encoding: the sorted values seen in `column` and, unless `impute` is 'none',
 * the most frequent of them (ties to the first in sort order, as scikit-learn's SimpleImputer).
 * With `fold`, spellings that differ only by surrounding spaces and case are one category, named
 * by its most frequent spelling (ties to the first in sort order); a value of spaces is missing.
 *
 * @example
 * fitOneHot(riskColumn, 'most_frequent'); // { column: 'risk_pld', categories: ['HIGH', 'LOW', 'MEDIUM'], impute: 'LOW' }
 */
export function fitOneHot(column: Column, impute: 'most_frequent' | 'none', fold = false): OneHotState {
  const { codes, labels } = categoryCodes(column);
  const counts = new Float64Array(labels.length);
  for (let i = 0; i < codes.length; i++) if (codes[i]! >= 0) counts[codes[i]!]!++;
  // Each category (or folded form) with its count and its spellings' counts.
  const groups = new Map<string, { count: number; spellings: Map<string, number> }>();
  labels.forEach((label, code) => {
    const count = counts[code]!;
    if (count === 0) return;
    const key = fold ? foldCategory(label) : label;
    if (key === '') return;
    let group = groups.get(key);
    if (!group) {
      group = { count: 0, spellings: new Map() };
      groups.set(key, group);
    }
    group.count += count;
    group.spellings.set(label, (group.spellings.get(label) ?? 0) + count);
  });
  const named = [...groups.values()].map((group) => {
    let name = '';
    let best = 0;
    for (const [spelling, count] of [...group.spellings].sort(([a], [b]) => (a < b ? -1 : 1)))
      if (count > best) {
        best = count;
        name = spelling;
      }
    return { name, count: group.count };
  });
  named.sort((a, b) => (a.name < b.name ? -1 : 1));
  let mostFrequent: string | null = null;
  let best = 0;
  for (const { name, count } of named)
    if (count > best) {
      best = count;
      mostFrequent = name;
    }
  return {
    column: column.name,
    categories: named.map((c) => c.name),
    impute: impute === 'none' ? null : mostFrequent,
    ...(fold ? { fold: true as const } : {}),
  };
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
  const folding = state.fold ? categoryFolding(state.categories) : undefined;
  /** Per label: its output column, -1 when unseen, -2 when it folds to nothing (spaces: missing). */
  const target = Int32Array.from(labels, (label) => {
    const exact = position.get(label);
    if (exact !== undefined || !folding) return exact ?? -1;
    const key = foldCategory(label);
    if (key === '') return -2;
    const category = folding.get(key);
    return category === undefined ? -1 : position.get(category)!;
  });
  const imputed = state.impute === null ? -1 : (position.get(state.impute) ?? -1);
  const unseen = new Float64Array(labels.length);
  const folded = new Float64Array(labels.length);
  let missing = 0;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    let out: number;
    if (code < 0 || target[code] === -2) {
      missing++;
      out = imputed;
    } else {
      out = target[code]!;
      if (out < 0) unseen[code]!++;
      else if (folding && state.categories[out] !== labels[code]) folded[code]!++;
    }
    if (out >= 0) outputs[out]![i] = 1;
  }
  const findings: Finding[] = [];
  const foldedValues = labels
    .map((value, code) => ({ value, category: state.categories[target[code]!]!, count: folded[code]! }))
    .filter((f) => f.count > 0)
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  if (foldedValues.length > 0) {
    const total = foldedValues.reduce((sum, f) => sum + f.count, 0);
    findings.push({
      code: 'FOLDED_CATEGORY',
      path: state.column,
      severity: 'info',
      message: `${total} value${total === 1 ? '' : 's'} of ${state.column} matched a category once trimmed and case-folded: ${foldedValues
        .slice(0, LISTED_VALUES)
        .map((f) => `${JSON.stringify(f.value)} as ${JSON.stringify(f.category)} x${f.count}`)
        .join(', ')}`,
      value: total,
      details: { values: foldedValues.slice(0, LISTED_VALUES), distinct: foldedValues.length },
    });
  }
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
