import { AmlopsError } from '../../errors/index.js';
import { marginToOutput } from './margin-to-output.js';
import type { PackedEnsemble } from './packed-ensemble.js';

/** One row of features in the booster's feature order; `NaN` is a missing value. */
export type FeatureRow = Float32Array | readonly number[];

/**
 * Scores one row: the margin (log-odds for binary:logistic), accumulated in float32 tree by tree from
 * the base margin as XGBoost's CPU predictor does. Allocates nothing: the row is copied into the
 * ensemble's scratch, widened as {@link PackedEnsemble} describes (so one ensemble must not score two rows at once, which single-threaded
 * JavaScript guarantees). Four trees are walked side by side, branch-free, to overlap their paths.
 *
 * @example
 * const margin = predictRowMargin(packEnsemble(booster), new Float32Array([1200, 80, 1]));
 */
export function predictRowMargin(packed: PackedEnsemble, row: FeatureRow): number {
  const featureCount = packed.featureCount;
  if (row.length !== featureCount) {
    throw new AmlopsError('DATA_INVALID', `a row needs ${featureCount} features; got ${row.length}`);
  }
  const x = packed.rowScratch;
  // Inputs are compared in float32, as XGBoost stores them; missing values read per default side.
  for (let f = 0; f < featureCount; f++) {
    const value = row[f]!;
    const missing = Number.isNaN(value);
    x[2 * f] = missing ? Number.NEGATIVE_INFINITY : value;
    x[2 * f + 1] = missing ? Number.POSITIVE_INFINITY : value;
  }
  const { nodes, values, roots, depths } = packed;
  const treeCount = roots.length;
  let sum = packed.baseMargin;
  let t = 0;
  for (; t + 4 <= treeCount; t += 4) {
    let a0 = roots[t]! * 3;
    let a1 = roots[t + 1]! * 3;
    let a2 = roots[t + 2]! * 3;
    let a3 = roots[t + 3]! * 3;
    const depth = Math.max(depths[t]!, depths[t + 1]!, depths[t + 2]!, depths[t + 3]!);
    for (let level = 0; level < depth; level++) {
      // Right when value >= threshold (a missing value reads as -Infinity or +Infinity by the
      // node's default side); a leaf reads the NaN slot and stays where it is.
      const v0 = x[nodes[a0]!]!;
      const v1 = x[nodes[a1]!]!;
      const v2 = x[nodes[a2]!]!;
      const v3 = x[nodes[a3]!]!;
      const t0 = values[a0 + 1]!;
      const t1 = values[a1 + 1]!;
      const t2 = values[a2 + 1]!;
      const t3 = values[a3 + 1]!;
      const l0 = nodes[a0 + 2]!;
      const l1 = nodes[a1 + 2]!;
      const l2 = nodes[a2 + 2]!;
      const l3 = nodes[a3 + 2]!;
      a0 = (l0 + +(v0 >= t0)) * 3;
      a1 = (l1 + +(v1 >= t1)) * 3;
      a2 = (l2 + +(v2 >= t2)) * 3;
      a3 = (l3 + +(v3 >= t3)) * 3;
    }
    sum = Math.fround(sum + values[a0 + 1]!);
    sum = Math.fround(sum + values[a1 + 1]!);
    sum = Math.fround(sum + values[a2 + 1]!);
    sum = Math.fround(sum + values[a3 + 1]!);
  }
  for (; t < treeCount; t++) {
    let at = roots[t]! * 3;
    for (let level = depths[t]!; level > 0; level--) {
      const v = x[nodes[at]!]!;
      const threshold = values[at + 1]!;
      const link = nodes[at + 2]!;
      at = (link + +(v >= threshold)) * 3;
    }
    sum = Math.fround(sum + values[at + 1]!);
  }
  return sum;
}

/**
 * Scores one row in output space: the probability for binary:logistic. Allocates nothing.
 *
 * @example
 * const p = predictRowProbability(packEnsemble(booster), [1200, 80, Number.NaN]);
 */
export function predictRowProbability(packed: PackedEnsemble, row: FeatureRow): number {
  return marginToOutput(packed.objective, predictRowMargin(packed, row));
}
