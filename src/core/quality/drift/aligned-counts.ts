/** Two sides' counts over the union of their categories, in one order. */
export interface AlignedCounts {
  readonly keys: readonly string[];
  readonly reference: Float64Array;
  readonly current: Float64Array;
  readonly referenceTotal: number;
  readonly currentTotal: number;
}

/**
 * Lines up the category counts of two samples over every category either has (reference's first,
 * then the ones new in current), a category absent from one side counting 0 there.
 *
 * @example
 * alignedCounts(new Map([['LOW', 8]]), new Map([['LOW', 5], ['HIGH', 1]])).keys; // ['LOW', 'HIGH']
 */
export function alignedCounts(
  reference: ReadonlyMap<string, number>,
  current: ReadonlyMap<string, number>,
): AlignedCounts {
  const keys = [...reference.keys(), ...[...current.keys()].filter((k) => !reference.has(k))];
  const ref = Float64Array.from(keys, (k) => reference.get(k) ?? 0);
  const cur = Float64Array.from(keys, (k) => current.get(k) ?? 0);
  return {
    keys,
    reference: ref,
    current: cur,
    referenceTotal: ref.reduce((a, b) => a + b, 0),
    currentTotal: cur.reduce((a, b) => a + b, 0),
  };
}
