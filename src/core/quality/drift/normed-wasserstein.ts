import { wassersteinDistance } from './wasserstein-distance.js';

/**
 * Evidently's normed Wasserstein drift test: the Wasserstein distance between the samples divided
 * by the reference's population standard deviation (at least 0.001), so that it reads in standard
 * deviations. Drift when it is at or above the threshold (0.1).
 *
 * @example
 * normedWasserstein(referenceSorted, currentSorted); // 0.23
 */
export function normedWasserstein(reference: Float64Array, current: Float64Array): number {
  const n = reference.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += reference[i]!;
  mean /= n;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = reference[i]! - mean;
    squares += d * d;
  }
  const norm = Math.max(Math.sqrt(squares / n), 0.001);
  return wassersteinDistance(reference, current) / norm;
}
