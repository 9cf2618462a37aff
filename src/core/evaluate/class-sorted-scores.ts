/** The scores of each class apart, each sorted ascending: enough for every curve and rank metric. */
export interface ClassSortedScores {
  readonly positives: Float64Array;
  readonly negatives: Float64Array;
}

/**
 * Splits scores by class (label 1 = positive) and sorts each part with the native numeric sort,
 * which is many times faster on a million rows than sorting row indices with a comparator.
 *
 * @example
 * classSortedScores([0, 1, 0], [0.3, 0.9, 0.1]); // { positives: [0.9], negatives: [0.1, 0.3] }
 */
export function classSortedScores(labels: ArrayLike<number>, scores: ArrayLike<number>): ClassSortedScores {
  let count = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) count++;
  const positives = new Float64Array(count);
  const negatives = new Float64Array(labels.length - count);
  let p = 0;
  let q = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) positives[p++] = scores[i]!;
    else negatives[q++] = scores[i]!;
  }
  return { positives: positives.sort(), negatives: negatives.sort() };
}
