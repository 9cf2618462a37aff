/**
 * The cut points of `bands` quantile bands of a numeric column (missing values left out): the
 * values at quantiles 1/bands … (bands−1)/bands of the sorted values, taken as values of the data
 * (numpy's `quantile(…, method='lower')`), so that a band's label shows amounts that occur. A cut
 * equal to the smallest value or to the cut before it is dropped (it would make an empty band), so
 * a column with many equal values has fewer bands. A case falls in band i when
 * `cuts[i-1] <= value < cuts[i]`. Computed on the training split and stored with the evaluation,
 * so that live performance cuts the cases it sees where training did.
 *
 * @example
 * segmentCuts(Float64Array.of(5, 1, 3, 2, 4, 6, 8, 7), 4); // [2, 4, 6]
 */
export function segmentCuts(values: ArrayLike<number>, bands: number): number[] {
  let present = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) present++;
  const sorted = new Float64Array(present);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) sorted[k++] = values[i]!;
  sorted.sort();
  const cuts: number[] = [];
  if (present === 0) return cuts;
  for (let j = 1; j < bands; j++) {
    const cut = sorted[Math.floor(((present - 1) * j) / bands)]!;
    if (cut > sorted[0]! && (cuts.length === 0 || cut > cuts[cuts.length - 1]!)) cuts.push(cut);
  }
  return cuts;
}
