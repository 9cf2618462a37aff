import type { Booster } from '../booster.js';

/**
 * The margin every row starts from: XGBoost stores `base_score` in output space and turns it into a
 * margin with the objective's `ProbToMargin`, in float32 (`-logf(1.0f / base_score - 1.0f)` for
 * binary:logistic).
 *
 * @example
 * baseMargin({ objective: 'binary:logistic', baseScore: 0.5, featureNames: [], trees: [] }); // 0
 */
export function baseMargin(booster: Pick<Booster, 'objective' | 'baseScore'>): number {
  const score = Math.fround(booster.baseScore);
  if (booster.objective === 'binary:logistic') {
    return Math.fround(-Math.log(Math.fround(Math.fround(1 / score) - 1)));
  }
  return score;
}
