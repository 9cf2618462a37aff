/** Histogram of scores in [0, 1] per class, for drawing. */
export interface ScoreDistribution {
  readonly edges: number[];
  readonly positives: number[];
  readonly negatives: number[];
}

/**
 * Counts of scores per class in `bins` equal-width bins over [0, 1].
 *
 * @example
 * scoreDistribution([0, 1], [0.05, 0.95], 2); // { edges: [0, 0.5, 1], positives: [0, 1], negatives: [1, 0] }
 */
export function scoreDistribution(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  bins = 20,
): ScoreDistribution {
  const positives = new Array<number>(bins).fill(0);
  const negatives = new Array<number>(bins).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(scores[i]! * bins)));
    if (labels[i] === 1) positives[b]!++;
    else negatives[b]!++;
  }
  return { edges: Array.from({ length: bins + 1 }, (_, i) => i / bins), positives, negatives };
}
