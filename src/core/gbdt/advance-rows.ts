import { buildHistogramOfRows } from './histogram-kernels.js';
import { partitionRows } from './partition-rows.js';

/**
 * The per-node tables of a step, indexed by node id or listing node ids (written by the tree
 * grower, read by every thread): which nodes split now and how, and which nodes get a histogram.
 */
export interface StepTables {
  /** Feature of the split applied to the node; -1 when the node does not split in this step. */
  readonly splitFeature: Int32Array;
  /** Rows whose bin is <= this go left. */
  readonly splitBin: Int32Array;
  /** The feature's missing bin when missing values go left, else -1. */
  readonly missingLeft: Int32Array;
  /** Id of the left child; the right child is the next id. */
  readonly leftChild: Int32Array;
  /** The nodes whose histograms a step builds, slot by slot (`command[2]` of them). */
  readonly buildNodes: Int32Array;
  /** The nodes whose rows a step moves to their children (`command[3]` of them). */
  readonly splitNodes: Int32Array;
  /**
   * The nodes of the previous tree holding rows at its end (`command[4]` of them): its leaves, and
   * its last splits, whose rows the next tree's first pass sends to their leaves without moving.
   */
  readonly finalNodes: Int32Array;
}

/** Where one block's rows live in the workspace (see `TrainingWorkspace.rows`). */
export interface BlockRows {
  readonly rows: Int32Array;
  readonly nodeRanges: Int32Array;
  /** Offset of this block's node ranges: `2 * block * maxNodes`. */
  readonly rangeBase: number;
  /** Offset of this block's scratch in `rows`. */
  readonly scratch: number;
}

/**
 * One step over one block: splits each node of `splitNodes` (its rows, kept in increasing order, go
 * to the left child's range then the right child's), then adds the rows of each node of
 * `buildNodes` into histogram slot `s` (at `histBase + s * histLength`). Rows are summed in row
 * order within the block whichever way they were grouped, so histograms do not depend on the
 * order nodes were split in; only the rows of the nodes concerned are read.
 *
 * @example
 * advanceRows(block, bins, 3, gh, tables, splitCount, buildCount, offsets2, hist, base, histLength);
 */
export function advanceRows(
  block: BlockRows,
  bins: Uint8Array | Uint16Array,
  featureCount: number,
  gh: Float32Array,
  tables: StepTables,
  splitCount: number,
  buildCount: number,
  featureOffsets2: Int32Array,
  hist: Float64Array,
  histBase: number,
  histLength: number,
): void {
  const { rows, nodeRanges, rangeBase, scratch } = block;
  const { splitFeature, splitBin, missingLeft, leftChild, splitNodes, buildNodes } = tables;
  for (let i = 0; i < splitCount; i++) {
    const node = splitNodes[i]!;
    const k = rangeBase + 2 * node;
    const begin = nodeRanges[k]!;
    const end = nodeRanges[k + 1]!;
    const middle = partitionRows(
      rows,
      begin,
      end,
      scratch,
      bins,
      featureCount,
      splitFeature[node]!,
      splitBin[node]!,
      missingLeft[node]!,
    );
    const left = rangeBase + 2 * leftChild[node]!;
    nodeRanges[left] = begin;
    nodeRanges[left + 1] = middle;
    nodeRanges[left + 2] = middle;
    nodeRanges[left + 3] = end;
  }
  for (let s = 0; s < buildCount; s++) {
    const k = rangeBase + 2 * buildNodes[s]!;
    buildHistogramOfRows(
      rows,
      nodeRanges[k]!,
      nodeRanges[k + 1]!,
      gh,
      bins,
      featureCount,
      featureOffsets2,
      hist,
      histBase + s * histLength,
    );
  }
}
