/**
 * Histogram kernels: interleaved (gradient, hessian) sums per bin, written into caller-allocated
 * `Float64Array`s at a base offset. `featureOffsets2[f]` is twice the feature's first bin index
 * (the offset in doubles); bin codes are row-major with `featureCount` codes per row.
 */

/**
 * Adds the contiguous rows `[start, end)` into the histogram at `base` (the root: no row index).
 *
 * @example
 * buildHistogramOfRange(0, rowCount, gh, bins, 3, offsets2, hist, 0);
 */
export function buildHistogramOfRange(
  start: number,
  end: number,
  gh: Float32Array,
  bins: Uint8Array | Uint16Array,
  featureCount: number,
  featureOffsets2: Int32Array,
  hist: Float64Array,
  base: number,
): void {
  if (featureCount === 3) {
    const o0 = base + featureOffsets2[0]!;
    const o1 = base + featureOffsets2[1]!;
    const o2 = base + featureOffsets2[2]!;
    for (let r = start; r < end; r++) {
      const g = gh[2 * r]!;
      const h = gh[2 * r + 1]!;
      const k0 = o0 + 2 * bins[3 * r]!;
      const k1 = o1 + 2 * bins[3 * r + 1]!;
      const k2 = o2 + 2 * bins[3 * r + 2]!;
      hist[k0] += g;
      hist[k0 + 1] += h;
      hist[k1] += g;
      hist[k1 + 1] += h;
      hist[k2] += g;
      hist[k2 + 1] += h;
    }
    return;
  }
  for (let r = start; r < end; r++) {
    const g = gh[2 * r]!;
    const h = gh[2 * r + 1]!;
    const c = featureCount * r;
    for (let f = 0; f < featureCount; f++) {
      const k = base + featureOffsets2[f]! + 2 * bins[c + f]!;
      hist[k] += g;
      hist[k + 1] += h;
    }
  }
}

/**
 * Adds the rows listed in `rows[begin, end)` into the histogram at `base`, in list order (a node's
 * rows, kept in increasing row order, so that sums are the same as over a range).
 *
 * @example
 * buildHistogramOfRows(rows, begin, end, gh, bins, 3, offsets2, hist, slotBase);
 */
export function buildHistogramOfRows(
  rows: Int32Array,
  begin: number,
  end: number,
  gh: Float32Array,
  bins: Uint8Array | Uint16Array,
  featureCount: number,
  featureOffsets2: Int32Array,
  hist: Float64Array,
  base: number,
): void {
  if (featureCount === 3) {
    const o0 = base + featureOffsets2[0]!;
    const o1 = base + featureOffsets2[1]!;
    const o2 = base + featureOffsets2[2]!;
    for (let i = begin; i < end; i++) {
      const r = rows[i]!;
      const g = gh[2 * r]!;
      const h = gh[2 * r + 1]!;
      const k0 = o0 + 2 * bins[3 * r]!;
      const k1 = o1 + 2 * bins[3 * r + 1]!;
      const k2 = o2 + 2 * bins[3 * r + 2]!;
      hist[k0] += g;
      hist[k0 + 1] += h;
      hist[k1] += g;
      hist[k1 + 1] += h;
      hist[k2] += g;
      hist[k2 + 1] += h;
    }
    return;
  }
  for (let i = begin; i < end; i++) {
    const r = rows[i]!;
    const g = gh[2 * r]!;
    const h = gh[2 * r + 1]!;
    const c = featureCount * r;
    for (let f = 0; f < featureCount; f++) {
      const k = base + featureOffsets2[f]! + 2 * bins[c + f]!;
      hist[k] += g;
      hist[k + 1] += h;
    }
  }
}

/**
 * `out[outBase + i] = sum over blocks of blockHist[block base + i]`, in block order so that the sum
 * does not depend on which thread built which block.
 *
 * @example
 * sumBlockHistograms(ws.blockHist, slot * len, blockStride, blockCount, len, out, 0);
 */
export function sumBlockHistograms(
  blockHist: Float64Array,
  firstBase: number,
  blockStride: number,
  blockCount: number,
  length: number,
  out: Float64Array,
  outBase: number,
): void {
  for (let i = 0; i < length; i++) out[outBase + i] = blockHist[firstBase + i]!;
  for (let b = 1; b < blockCount; b++) {
    const base = firstBase + b * blockStride;
    for (let i = 0; i < length; i++) out[outBase + i] += blockHist[base + i]!;
  }
}

/**
 * The subtraction trick: `out = parent - child`, the sibling's histogram without reading its rows.
 *
 * @example
 * subtractHistogram(parentHist, leftHist, rightHist, length);
 */
export function subtractHistogram(
  parent: Float64Array,
  child: Float64Array,
  out: Float64Array,
  length: number,
): void {
  for (let i = 0; i < length; i++) out[i] = parent[i]! - child[i]!;
}
