/**
 * ROC AUC of `scores` against binary `labels` (1 positive, 0 negative): the probability that a
 * random positive scores above a random negative, ties counting one half. Exact, O(n log n):
 * both classes' scores are sorted natively and merged (faster than binary searches, whose
 * branches a CPU cannot predict). NaN when a class is absent.
 *
 * @example
 * rocAuc(Float64Array.of(0.1, 0.4, 0.35, 0.8), Uint8Array.of(0, 0, 1, 1)); // 0.75
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) positives++;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  const pos = new Float64Array(positives);
  const neg = new Float64Array(negatives);
  for (let i = 0, p = 0, n = 0; i < labels.length; i++) {
    if (labels[i] === 1) pos[p++] = scores[i]!;
    else neg[n++] = scores[i]!;
  }
  pos.sort();
  neg.sort();
  // Walk the positives in order, advancing through the negatives below and equal to each value.
  let below = 0;
  let wins = 0;
  for (let p = 0; p < positives; ) {
    const value = pos[p]!;
    let sameValue = 0;
    while (p < positives && pos[p] === value) {
      sameValue++;
      p++;
    }
    while (below < negatives && neg[below]! < value) below++;
    let equal = 0;
    while (below + equal < negatives && neg[below + equal] === value) equal++;
    wins += sameValue * (below + equal / 2);
  }
  return wins / (positives * negatives);
}
