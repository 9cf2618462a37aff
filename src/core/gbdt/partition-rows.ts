/**
 * Splits the row indices `rows[begin, end)` of a node by its split, stably: rows going left stay in
 * order at the front, rows going right follow, in order (they pass through `rows[scratch, ...)`).
 * A row goes left when its bin of `feature` is <= `splitBin` or is `missingLeft` (the feature's
 * missing bin when missing values go left, else -1). Returns where the right rows begin.
 *
 * Branch-free: which way a row goes is not predictable, so both destinations are written and only
 * one cursor moves.
 *
 * @example
 * const middle = partitionRows(rows, 0, 1000, rowCount, bins, 3, 1, 17, -1);
 */
export function partitionRows(
  rows: Int32Array,
  begin: number,
  end: number,
  scratch: number,
  bins: Uint8Array | Uint16Array,
  featureCount: number,
  feature: number,
  splitBin: number,
  missingLeft: number,
): number {
  let left = begin;
  let right = scratch;
  for (let i = begin; i < end; i++) {
    const r = rows[i]!;
    const bin = bins[featureCount * r + feature]!;
    const goLeft = +(bin <= splitBin) | +(bin === missingLeft);
    rows[left] = r;
    rows[right] = r;
    left += goLeft;
    right += 1 - goLeft;
  }
  rows.copyWithin(left, scratch, right);
  return left;
}
