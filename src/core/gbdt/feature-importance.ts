import { AmlopsError } from '../errors/index.js';
import type { Booster } from './booster.js';

/** XGBoost's `importance_type` names. */
export type ImportanceType = 'weight' | 'gain' | 'cover' | 'total_gain' | 'total_cover';

const TYPES: readonly ImportanceType[] = ['weight', 'gain', 'cover', 'total_gain', 'total_cover'];

/**
 * Feature importance with the semantics of XGBoost's `Booster.get_score(importance_type=...)`,
 * over all trees: `weight` counts the splits on a feature, `total_gain` / `total_cover` sum their
 * loss change / cover, `gain` / `cover` are those sums divided by the count. Features never split
 * on are absent, as in XGBoost. Sums are float32 in XGBoost's tree-walk order, so values are equal.
 *
 * @example
 * featureImportance(booster, 'gain'); // { total_outcome_dollar_amount: 12.5, 'risk_pld=HIGH': 3.1 }
 */
export function featureImportance(booster: Booster, type: ImportanceType = 'weight'): Record<string, number> {
  if (!TYPES.includes(type)) {
    throw new AmlopsError('USAGE', `importance type ${String(type)} is not one of ${TYPES.join(', ')}`);
  }
  const featureCount = booster.featureNames.length;
  const counts = new Float64Array(featureCount);
  const scores = new Float32Array(featureCount);
  const stack: number[] = [];
  for (const tree of booster.trees) {
    const stat = type === 'weight' ? undefined : type.endsWith('gain') ? tree.lossChange : tree.sumHessian;
    stack.push(0);
    // XGBoost's WalkTree: a stack, left pushed before right.
    while (stack.length > 0) {
      const node = stack.pop()!;
      const left = tree.left[node]!;
      if (left === -1) continue;
      const feature = tree.splitFeature[node]!;
      counts[feature]! += 1;
      scores[feature] = stat === undefined ? counts[feature]! : scores[feature]! + stat[node]!;
      stack.push(left, tree.right[node]!);
    }
  }
  const average = type === 'gain' || type === 'cover';
  const entries: [string, number][] = [];
  for (let i = 0; i < featureCount; i++) {
    if (counts[i] === 0) continue;
    entries.push([
      booster.featureNames[i]!,
      average ? Math.fround(scores[i]! / Math.max(1, counts[i]!)) : scores[i]!,
    ]);
  }
  // fromEntries defines own properties, so that a feature named "__proto__" is kept as data.
  return Object.fromEntries(entries);
}
