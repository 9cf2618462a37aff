import { alignedCounts } from './aligned-counts.js';
import { chiSquareTest } from './chi-square-test.js';
import { chooseStattest } from './choose-stattest.js';
import type { ColumnDriftResult, StattestName } from './column-drift-result.js';
import type { DriftSample } from './drift-sample.js';
import { jensenShannonDistance } from './jensen-shannon-distance.js';
import { normedWasserstein } from './normed-wasserstein.js';
import { categoricalPsi, numericPsi } from './population-stability-index.js';
import { twoSampleKs } from './two-sample-ks.js';
import { zTestProportions } from './z-test-proportions.js';

/** Each test's label (as Evidently prints it), what its score is, and Evidently's default threshold. */
const TESTS: Readonly<
  Record<
    StattestName,
    { readonly label: string; readonly kind: 'p_value' | 'distance'; readonly threshold: number }
  >
> = {
  ks: { label: 'K-S p_value', kind: 'p_value', threshold: 0.05 },
  chisquare: { label: 'chi-square p_value', kind: 'p_value', threshold: 0.05 },
  z: { label: 'Z-test p_value', kind: 'p_value', threshold: 0.05 },
  wasserstein: { label: 'Wasserstein distance (normed)', kind: 'distance', threshold: 0.1 },
  jensenshannon: { label: 'Jensen-Shannon distance', kind: 'distance', threshold: 0.1 },
};

/** How many of each distinct value a sorted sample has, the values as text. */
function valueCounts(sorted: Float64Array): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < sorted.length; ) {
    let end = i + 1;
    while (end < sorted.length && sorted[end] === sorted[i]) end++;
    counts.set(String(sorted[i]), end - i);
    i = end;
  }
  return counts;
}

/** Distinct values of both samples together, counted up to `limit` (the choice of test needs no more). */
function distinctOfBoth(reference: Float64Array, current: Float64Array, limit: number): number {
  let distinct = 0;
  let i = 0;
  let j = 0;
  while ((i < reference.length || j < current.length) && distinct < limit) {
    const next =
      j >= current.length || (i < reference.length && reference[i]! <= current[j]!)
        ? reference[i]!
        : current[j]!;
    while (i < reference.length && reference[i] === next) i++;
    while (j < current.length && current[j] === next) j++;
    distinct++;
  }
  return distinct;
}

/**
 * Whether a column drifted, by Evidently's default test for it (`chooseStattest`) at its default
 * threshold, with the population stability index beside it. A numeric column with 5 distinct values
 * or fewer is tested as categories. Both sides must be of one kind and hold a value at least (the
 * caller reports anything else as a finding).
 *
 * @example
 * columnDrift({ kind: 'numeric', sorted: reference }, { kind: 'numeric', sorted: current }).drifted; // true
 */
export function columnDrift(
  reference: DriftSample,
  current: DriftSample,
  options: { readonly stattest?: StattestName; readonly threshold?: number } = {},
): ColumnDriftResult {
  if (reference.kind !== current.kind) throw new Error('both sides of a drift test must be of one kind');
  let stattest: StattestName;
  let score: number;
  let psi: number | null;
  if (reference.kind === 'numeric' && current.kind === 'numeric') {
    if (reference.sorted.length === 0 || current.sorted.length === 0)
      throw new Error('a side of the drift test is empty');
    const distinct = distinctOfBoth(reference.sorted, current.sorted, 6);
    stattest =
      options.stattest ?? chooseStattest({ numeric: true, referenceRows: reference.sorted.length, distinct });
    if (stattest === 'ks' || stattest === 'wasserstein') {
      score =
        stattest === 'ks'
          ? twoSampleKs(reference.sorted, current.sorted).pValue
          : normedWasserstein(reference.sorted, current.sorted);
      psi = numericPsi(reference.sorted, current.sorted);
    } else {
      const counts = alignedCounts(valueCounts(reference.sorted), valueCounts(current.sorted));
      score = categoricalScore(stattest, counts);
      psi = categoricalPsi(counts);
    }
  } else if (reference.kind === 'categorical' && current.kind === 'categorical') {
    const counts = alignedCounts(reference.counts, current.counts);
    if (counts.referenceTotal === 0 || counts.currentTotal === 0)
      throw new Error('a side of the drift test is empty');
    stattest =
      options.stattest ??
      chooseStattest({ numeric: false, referenceRows: counts.referenceTotal, distinct: counts.keys.length });
    if (stattest === 'ks' || stattest === 'wasserstein')
      throw new Error(`${stattest} tests numbers; this column holds categories`);
    score = categoricalScore(stattest, counts);
    psi = categoricalPsi(counts);
  } else throw new Error('both sides of a drift test must be of one kind');
  const test = TESTS[stattest];
  const threshold = options.threshold ?? test.threshold;
  return {
    stattest,
    stattestLabel: test.label,
    scoreKind: test.kind,
    score,
    threshold,
    // Evidently's K-S test drifts at p <= threshold, its other p-value tests below it.
    drifted:
      test.kind === 'distance'
        ? score >= threshold
        : stattest === 'ks'
          ? score <= threshold
          : score < threshold,
    psi,
  };
}

function categoricalScore(stattest: StattestName, counts: ReturnType<typeof alignedCounts>): number {
  if (stattest === 'z') return zTestProportions(counts);
  if (stattest === 'chisquare') return chiSquareTest(counts);
  return jensenShannonDistance(counts);
}
