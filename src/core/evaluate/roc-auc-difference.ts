import { normalCdf } from '../quality/drift/normal-cdf.js';

/** Two models' ROC AUCs on the same cases, and whether they differ beyond chance. */
export interface RocAucDifference {
  readonly aucA: number;
  readonly aucB: number;
  /** aucA − aucB. */
  readonly difference: number;
  /** The difference's 95% interval. */
  readonly lower: number;
  readonly upper: number;
  /** Two-sided p-value of "the AUCs are equal". */
  readonly pValue: number;
}

const Z_95 = 1.959963984540054;

/**
 * DeLong's test of two correlated ROC AUCs (DeLong, DeLong and Clarke-Pearson, 1988): both models
 * scored the same cases, so each case's placement under A and under B are paired, and the variance
 * of the difference subtracts their covariance. Null without two of each class.
 *
 * @example
 * rocAucDifference(labels, challengerScores, championScores); // { difference: -0.018, lower: -0.07, upper: 0.03, pValue: 0.49, ... }
 */
export function rocAucDifference(
  labels: ArrayLike<number>,
  scoresA: ArrayLike<number>,
  scoresB: ArrayLike<number>,
): RocAucDifference | null {
  const a = placementsByCase(labels, scoresA);
  const b = placementsByCase(labels, scoresB);
  const m = a.positives.length;
  const n = a.negatives.length;
  if (m < 2 || n < 2) return null;
  const aucA = mean(a.positives);
  const aucB = mean(b.positives);
  const differences = (x: Float64Array, y: Float64Array) => x.map((v, i) => v - y[i]!);
  // Var(A − B) = Var(A) + Var(B) − 2 Cov(A, B), each from the placements' sample (co)variances.
  const variance =
    sampleVariance(differences(a.positives, b.positives)) / m +
    sampleVariance(differences(a.negatives, b.negatives)) / n;
  const difference = aucA - aucB;
  const se = Math.sqrt(variance);
  const pValue = se === 0 ? (difference === 0 ? 1 : 0) : 2 * (1 - normalCdf(Math.abs(difference) / se));
  return { aucA, aucB, difference, lower: difference - Z_95 * se, upper: difference + Z_95 * se, pValue };
}

/**
 * Each positive's share of negatives scored below it, and each negative's share of positives
 * scored above it (ties half), in the cases' order.
 */
function placementsByCase(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
): { positives: Float64Array; negatives: Float64Array } {
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < labels.length; i++) (labels[i] === 1 ? pos : neg).push(scores[i]!);
  const sortedPos = Float64Array.from(pos).sort();
  const sortedNeg = Float64Array.from(neg).sort();
  const share = (sorted: Float64Array, x: number) =>
    (lowerBound(sorted, x) + upperBound(sorted, x)) / 2 / sorted.length;
  return {
    positives: Float64Array.from(pos, (x) => share(sortedNeg, x)),
    negatives: Float64Array.from(neg, (y) => 1 - share(sortedPos, y)),
  };
}

/** Count of values < x. */
function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Count of values <= x. */
function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function sampleVariance(values: Float64Array): number {
  const center = mean(values);
  let sum = 0;
  for (const v of values) sum += (v - center) ** 2;
  return sum / (values.length - 1);
}
