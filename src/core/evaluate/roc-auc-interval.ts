import type { ClassSortedScores } from './class-sorted-scores.js';

/** A confidence interval of the ROC AUC. */
export interface RocAucInterval {
  readonly lower: number;
  readonly upper: number;
  /** The confidence level, 0.95. */
  readonly level: number;
  readonly method: 'DeLong';
}

/** The standard normal quantile of 0.975: a two-sided 95% interval. */
const Z_95 = 1.959963984540054;

/**
 * The 95% confidence interval of the ROC AUC by DeLong's method (DeLong, DeLong and Clarke-Pearson,
 * 1988): each positive's share of negatives scored below it (ties count half) and each negative's
 * share of positives scored above it; the AUC's variance is the sum of their variances over their
 * counts; the interval is the AUC ± 1.96 standard errors, within [0, 1]. Linear in the rows, on
 * scores sorted per class. Null without two of each class.
 *
 * @example
 * rocAucInterval(classSortedScores(labels, scores)); // { lower: 0.88, upper: 0.93, level: 0.95, method: 'DeLong' }
 */
export function rocAucInterval(sorted: ClassSortedScores): RocAucInterval | null {
  const { positives, negatives } = sorted;
  const m = positives.length;
  const n = negatives.length;
  if (m < 2 || n < 2) return null;
  const positiveShares = placements(positives, negatives);
  // A negative's share of positives above it is 1 − its share of positives below it (ties half).
  const negativeShares = placements(negatives, positives).map((share) => 1 - share);
  const auc = mean(positiveShares);
  const variance = sampleVariance(positiveShares, auc) / m + sampleVariance(negativeShares, auc) / n;
  const half = Z_95 * Math.sqrt(variance);
  return { lower: Math.max(0, auc - half), upper: Math.min(1, auc + half), level: 0.95, method: 'DeLong' };
}

/** For each score of `of` (ascending): the share of `among` (ascending) below it, ties counted half. */
function placements(of: Float64Array, among: Float64Array): Float64Array {
  const shares = new Float64Array(of.length);
  let below = 0;
  let notAbove = 0;
  for (let i = 0; i < of.length; i++) {
    const x = of[i]!;
    while (below < among.length && among[below]! < x) below++;
    if (notAbove < below) notAbove = below;
    while (notAbove < among.length && among[notAbove]! <= x) notAbove++;
    shares[i] = (below + (notAbove - below) / 2) / among.length;
  }
  return shares;
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function sampleVariance(values: Float64Array, center: number): number {
  let sum = 0;
  for (const v of values) sum += (v - center) ** 2;
  return sum / (values.length - 1);
}
