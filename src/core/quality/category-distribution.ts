import type { ColumnDistribution } from './quality-report.js';

/** Categories drawn; the rest are summed in one bar. */
const BARS = 30;
const OTHER = '(other)';

/**
 * The chart of a categorical column: shares of present values per category, reference against
 * current, the categories most common on either side first (at most 30 bars, the rest summed in
 * `(other)`). Null when both sides are empty.
 *
 * @example
 * categoryDistribution(new Map([['LOW', 80], ['HIGH', 20]]), new Map([['LOW', 50], ['HIGH', 50]]));
 * // { kind: 'bars', labels: ['LOW', 'HIGH'], reference: [0.8, 0.2], current: [0.5, 0.5] }
 */
export function categoryDistribution(
  reference: ReadonlyMap<string, number>,
  current: ReadonlyMap<string, number>,
): ColumnDistribution | null {
  const total = (counts: ReadonlyMap<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
  const referenceTotal = total(reference);
  const currentTotal = total(current);
  if (referenceTotal === 0 && currentTotal === 0) return null;
  const share = (counts: ReadonlyMap<string, number>, sum: number, label: string) =>
    sum > 0 ? (counts.get(label) ?? 0) / sum : 0;
  const labels = [...new Set([...reference.keys(), ...current.keys()])].sort(
    (a, b) =>
      Math.max(share(reference, referenceTotal, b), share(current, currentTotal, b)) -
        Math.max(share(reference, referenceTotal, a), share(current, currentTotal, a)) || (a < b ? -1 : 1),
  );
  const shown = labels.length > BARS ? labels.slice(0, BARS - 1) : labels;
  const rest = labels.slice(shown.length);
  const shares = (counts: ReadonlyMap<string, number>, sum: number) => {
    const list = shown.map((label) => share(counts, sum, label));
    if (rest.length) list.push(rest.reduce((s, label) => s + share(counts, sum, label), 0));
    return list;
  };
  return {
    kind: 'bars',
    labels: rest.length ? [...shown, OTHER] : shown,
    reference: shares(reference, referenceTotal),
    current: shares(current, currentTotal),
  };
}
