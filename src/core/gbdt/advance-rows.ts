/**
 * The per-node tables of a step, indexed by node id (written by the tree grower, read by every
 * thread): which nodes split now and how, and which nodes get a histogram.
 */
export interface StepTables {
  /** Feature of the split applied to the node in this step; -1 when the node does not split now. */
  readonly splitFeature: Int32Array;
  /** Rows whose bin is <= this go left. */
  readonly splitBin: Int32Array;
  /** The feature's missing bin when missing values go left, else -1. */
  readonly missingLeft: Int32Array;
  /** Id of the left child; the right child is the next id. */
  readonly leftChild: Int32Array;
  /** Histogram slot the node's rows are added to in this step; -1 for none. */
  readonly buildSlot: Int32Array;
}

/**
 * One pass over rows `[start, end)`, in row order: moves each row whose node splits in this step to
 * its child (`positions[r]`), then adds the row's gradient and hessian into the histogram slot of
 * its node, if the node has one. Rows are read sequentially (no row index), so each level of a tree
 * is one streaming pass; with the subtraction trick only the smaller child of each split has a slot.
 *
 * `hist` is the block's histogram area: slot `s` starts at `histBase + s * histLength`;
 * `featureOffsets2[f]` is the offset in doubles of feature `f`'s bins inside a slot.
 *
 * @example
 * advanceRows(0, n, positions, bins, 3, gh, tables, offsets2, hist, 0, histLength);
 */
export function advanceRows(
  start: number,
  end: number,
  positions: Int32Array,
  bins: Uint8Array | Uint16Array,
  featureCount: number,
  gh: Float32Array,
  tables: StepTables,
  featureOffsets2: Int32Array,
  hist: Float64Array,
  histBase: number,
  histLength: number,
): void {
  const { splitFeature, splitBin, missingLeft, leftChild, buildSlot } = tables;
  const three = featureCount === 3;
  const o0 = featureOffsets2[0]!;
  const o1 = three ? featureOffsets2[1]! : 0;
  const o2 = three ? featureOffsets2[2]! : 0;
  for (let r = start; r < end; r++) {
    let node = positions[r]!;
    const feature = splitFeature[node]!;
    const c = featureCount * r;
    if (feature >= 0) {
      const bin = bins[c + feature]!;
      const goLeft = +(bin <= splitBin[node]!) | +(bin === missingLeft[node]!);
      node = leftChild[node]! + 1 - goLeft;
      positions[r] = node;
    }
    const slot = buildSlot[node]!;
    if (slot < 0) continue;
    const base = histBase + slot * histLength;
    const g = gh[2 * r]!;
    const h = gh[2 * r + 1]!;
    if (three) {
      const k0 = base + o0 + 2 * bins[c]!;
      const k1 = base + o1 + 2 * bins[c + 1]!;
      const k2 = base + o2 + 2 * bins[c + 2]!;
      hist[k0] += g;
      hist[k0 + 1] += h;
      hist[k1] += g;
      hist[k1 + 1] += h;
      hist[k2] += g;
      hist[k2 + 1] += h;
    } else {
      for (let f = 0; f < featureCount; f++) {
        const k = base + featureOffsets2[f]! + 2 * bins[c + f]!;
        hist[k] += g;
        hist[k + 1] += h;
      }
    }
  }
}
