/**
 * Exact area under the ROC curve: the probability that a random positive scores above a random
 * negative, ties counted as one half (the same value as scikit-learn's `roc_auc_score`). Sorts the
 * positive and negative scores apart with the native typed-array sort, then merges: O(n log n).
 * `NaN` when either class is absent.
 *
 * @example
 * rocAuc(Float64Array.of(0.1, 0.4, 0.35, 0.8), Float32Array.of(0, 0, 1, 1)); // 0.75
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  let positives = 0;
  for (let i = 0; i < n; i++) if (labels[i] === 1) positives++;
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  const pos = new Float64Array(positives);
  const neg = new Float64Array(negatives);
  let p = 0;
  let q = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] === 1) pos[p++] = scores[i]!;
    else neg[q++] = scores[i]!;
  }
  pos.sort();
  neg.sort();
  // For each positive: negatives strictly below it, plus half of the negatives equal to it.
  let below = 0;
  let upTo = 0;
  let sum = 0;
  for (let i = 0; i < positives; i++) {
    const s = pos[i]!;
    while (below < negatives && neg[below]! < s) below++;
    if (upTo < below) upTo = below;
    while (upTo < negatives && neg[upTo]! <= s) upTo++;
    sum += below + 0.5 * (upTo - below);
  }
  return sum / positives / negatives;
}
