/**
 * Row indices ordered by descending score (ties kept in row order), the shared first step of every
 * curve and rank metric.
 *
 * @example
 * orderByScoreDescending(Float64Array.of(0.2, 0.9, 0.5)); // Uint32Array [1, 2, 0]
 */
export function orderByScoreDescending(scores: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  // Sorting a copy of the scores with their indices packed avoids a comparator closure per pair.
  const keyed = new Float64Array(scores.length);
  for (let i = 0; i < keyed.length; i++) keyed[i] = scores[i]!;
  order.sort((a, b) => keyed[b]! - keyed[a]! || a - b);
  return order;
}

/** Counts of positives and negatives among `labels` (1 = positive). */
export function classCounts(labels: ArrayLike<number>): { positives: number; negatives: number } {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) positives++;
  return { positives, negatives: labels.length - positives };
}
