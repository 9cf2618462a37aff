/**
 * The bin boundaries of one feature, as XGBoost's hist method keeps them: `cuts[b]` is the upper
 * bound (exclusive) of bin `b`, so a value `v` falls in the first bin with `v < cuts[b]`, and a split
 * after bin `b` is the float32 condition `x < cuts[b]`. The last cut lies above the largest value.
 * Missing values have their own bin, numbered `cuts.length`.
 */
export interface FeatureCuts {
  readonly cuts: Float32Array;
  /** Below every value: the condition of a split that sends every present value right. */
  readonly minValue: number;
}

/**
 * Cuts for one feature from its present values sorted ascending: each distinct value its own bin
 * when there are at most `maxBins` of them, else boundaries at equally spaced ranks (XGBoost's
 * quantile sketch, computed exactly on the values given).
 *
 * `range`, when the values are a sample, is the minimum and maximum of all values.
 *
 * @example
 * quantileCuts(Float32Array.of(1, 1, 2, 5), 256).cuts; // Float32Array [2, 5, 10.00001]
 */
export function quantileCuts(
  sorted: Float32Array,
  maxBins: number,
  range?: { readonly min: number; readonly max: number },
): FeatureCuts {
  const n = sorted.length;
  if (n === 0) return { cuts: Float32Array.of(Math.fround(1e-5)), minValue: Math.fround(-1e-5) };
  // When the values are a sample, the range of all values keeps every value inside the cuts.
  const min = range ? Math.min(range.min, sorted[0]!) : sorted[0]!;
  const max = range ? Math.max(range.max, sorted[n - 1]!) : sorted[n - 1]!;
  const out: number[] = [];
  let distinct = 1;
  for (let i = 1; i < n && distinct <= maxBins; i++) if (sorted[i]! > sorted[i - 1]!) distinct++;
  if (distinct <= maxBins) {
    for (let i = 1; i < n; i++) if (sorted[i]! > sorted[i - 1]!) out.push(sorted[i]!);
  } else {
    let last = sorted[0]!;
    for (let i = 1; i < maxBins; i++) {
      const v = sorted[Math.floor((i * n) / maxBins)]!;
      if (v > last) {
        out.push(v);
        last = v;
      }
    }
  }
  out.push(Math.fround(max + Math.fround(Math.abs(max) + Math.fround(1e-5))));
  return {
    cuts: Float32Array.from(out),
    minValue: Math.fround(min - Math.fround(Math.abs(min) + Math.fround(1e-5))),
  };
}
