import type { ColumnStats } from './quality-report.js';
import { quantile } from './quantile.js';
import { sortFloat64 } from './sort-float64.js';

/** A numeric column's statistics, and its finite values sorted (what the drift tests and charts read). */
export interface NumericColumnProfile {
  readonly stats: ColumnStats;
  readonly sorted: Float64Array;
}

/**
 * Statistics of a numeric column in one pass over its values plus one sort of its finite values:
 * count, missing, unique, most common, mean, sample std, min, quartiles (linear interpolation, as
 * pandas' `describe`), max, infinities, zeros and negatives. Infinities count as present values
 * (unique, most common) but stay out of the moments and quantiles.
 *
 * @example
 * profileNumericColumn(Float64Array.of(1, 2, NaN, 2)).stats.mostCommon; // { value: 2, count: 2, share: 0.667 }
 */
export function profileNumericColumn(values: Float64Array): NumericColumnProfile {
  const rows = values.length;
  const finite = new Float64Array(rows);
  let n = 0;
  let missing = 0;
  let positiveInfinities = 0;
  let negativeInfinities = 0;
  let zeros = 0;
  let negatives = 0;
  let sum = 0;
  for (let row = 0; row < rows; row++) {
    const value = values[row]!;
    // biome-ignore lint/suspicious/noSelfCompare: the cheapest NaN test in this loop
    if (value !== value) missing++;
    else if (value === Number.POSITIVE_INFINITY) positiveInfinities++;
    else if (value === Number.NEGATIVE_INFINITY) {
      negativeInfinities++;
      negatives++;
    } else {
      finite[n++] = value;
      sum += value;
      if (value === 0) zeros++;
      else if (value < 0) negatives++;
    }
  }
  const sorted = finite.subarray(0, n);
  sortFloat64(sorted);
  const mean = n > 0 ? sum / n : null;
  let squares = 0;
  let unique = 0;
  let bestValue = Number.NaN;
  let bestCount = 0;
  let runStart = 0;
  for (let i = 0; i < n; i++) {
    const value = sorted[i]!;
    const deviation = value - mean!;
    squares += deviation * deviation;
    if (i === 0 || value !== sorted[i - 1]) {
      unique++;
      runStart = i;
    }
    if (i + 1 === n || sorted[i + 1] !== value) {
      const count = i + 1 - runStart;
      if (count > bestCount) {
        bestCount = count;
        bestValue = value;
      }
    }
  }
  const infinities = positiveInfinities + negativeInfinities;
  const present = n + infinities;
  for (const [value, count] of [
    [Number.POSITIVE_INFINITY, positiveInfinities],
    [Number.NEGATIVE_INFINITY, negativeInfinities],
  ] as const) {
    if (count === 0) continue;
    unique++;
    if (count > bestCount) {
      bestCount = count;
      bestValue = value;
    }
  }
  return {
    sorted,
    stats: {
      rows,
      count: present,
      missing,
      missingShare: rows > 0 ? missing / rows : 0,
      unique,
      mostCommon: present > 0 ? { value: bestValue, count: bestCount, share: bestCount / present } : null,
      numeric: {
        mean,
        std: n > 1 ? Math.sqrt(squares / (n - 1)) : null,
        min: n > 0 ? sorted[0]! : null,
        p25: quantile(sorted, 0.25),
        p50: quantile(sorted, 0.5),
        p75: quantile(sorted, 0.75),
        max: n > 0 ? sorted[n - 1]! : null,
        infinities,
        zeros,
        negatives,
      },
    },
  };
}
