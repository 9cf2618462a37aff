import type { StepTables } from './advance-rows.js';
import type { ObjectiveName } from './booster.js';

/**
 * The shape of a training workspace: plain numbers, so that it can be posted to a worker thread,
 * which rebuilds the same typed-array views over the same (shared) buffers.
 */
export interface WorkspaceLayout {
  readonly rowCount: number;
  readonly featureCount: number;
  /** Rows per block; the last block may be shorter. */
  readonly blockRows: number;
  readonly blockCount: number;
  /** Capacity of per-node arrays (node ids of one tree). */
  readonly maxNodes: number;
  /** Node histograms a block can hold at once (per step). */
  readonly histSlots: number;
  /** Bins of all features: a node histogram is `2 * totalBins` doubles. */
  readonly totalBins: number;
  /** Bin codes are 16-bit (more than 256 bins in some feature). */
  readonly wideBins: boolean;
  readonly binOffsets: readonly number[];
  readonly objective: ObjectiveName;
  readonly scalePosWeight: number;
  readonly subsample: number;
}

/** The buffers of a workspace; `ArrayBuffer` for one thread, `SharedArrayBuffer` for workers. */
export interface WorkspaceBuffers {
  readonly bins: ArrayBufferLike;
  readonly labels: ArrayBufferLike;
  readonly margins: ArrayBufferLike;
  readonly gh: ArrayBufferLike;
  readonly rows: ArrayBufferLike;
  readonly nodeRanges: ArrayBufferLike;
  readonly blockHist: ArrayBufferLike;
  readonly command: ArrayBufferLike;
  /** {@link NODE_TABLES} Int32 tables of `maxNodes` entries (see {@link StepTables}) and the leaf values. */
  readonly nodeTables: ArrayBufferLike;
}

/**
 * Every array the row kernels read and write: the bin codes, labels, margins, interleaved
 * gradient/hessian, the rows of each node, per-block histograms, the per-node tables and the command
 * of the current step. Allocated once per training; nothing is allocated per iteration.
 */
export interface TrainingWorkspace {
  readonly layout: WorkspaceLayout;
  readonly buffers: WorkspaceBuffers;
  readonly bins: Uint8Array | Uint16Array;
  readonly labels: Float32Array;
  readonly margins: Float32Array;
  readonly gh: Float32Array;
  /**
   * Row indices grouped by node: block `b` keeps its rows in `[start, end)` of its row range, each
   * node's rows contiguous and in increasing order; `[rowCount + start, rowCount + end)` is the
   * block's scratch for partitioning.
   */
  readonly rows: Int32Array;
  /** `nodeRanges[2 * (block * maxNodes + node)]`: begin, then end, of the node's rows in the block. */
  readonly nodeRanges: Int32Array;
  /** `blockHist[(block * histSlots + slot) * 2 * totalBins + 2 * bin]`: gradient, then hessian. */
  readonly blockHist: Float64Array;
  /** The current step: its code and integer arguments. */
  readonly command: Int32Array;
  /** Which nodes split in the current step and which get a histogram. */
  readonly tables: StepTables;
  /** Leaf value of each node of the previous tree, added to the margins by the next beginTree. */
  readonly leafValues: Float32Array;
}

/**
 * Words of the command buffer: step code, tree seed, then the lengths of the step's node lists
 * (histograms to build, nodes to split, final nodes of the previous tree).
 */
export const COMMAND_LENGTH = 8;
/** Int32 node tables of a workspace (the fields of {@link StepTables}); the leaf values follow. */
export const NODE_TABLES = 7;

/**
 * Allocates a workspace for `layout` with `allocate` (an `ArrayBuffer` or `SharedArrayBuffer`).
 *
 * @example
 * const ws = allocateWorkspace(layout, (bytes) => new ArrayBuffer(bytes));
 */
export function allocateWorkspace(
  layout: WorkspaceLayout,
  allocate: (byteLength: number) => ArrayBufferLike,
): TrainingWorkspace {
  const n = layout.rowCount;
  const buffers: WorkspaceBuffers = {
    bins: allocate(Math.max(1, n * layout.featureCount * (layout.wideBins ? 2 : 1))),
    labels: allocate(4 * n),
    margins: allocate(4 * n),
    gh: allocate(8 * n),
    rows: allocate(8 * n),
    nodeRanges: allocate(8 * layout.blockCount * layout.maxNodes),
    blockHist: allocate(8 * layout.blockCount * layout.histSlots * 2 * layout.totalBins),
    command: allocate(4 * COMMAND_LENGTH),
    nodeTables: allocate(4 * (NODE_TABLES + 1) * layout.maxNodes),
  };
  const workspace = viewWorkspace(layout, buffers);
  workspace.tables.splitFeature.fill(-1);
  return workspace;
}

/**
 * Typed-array views of `buffers`, as a worker thread builds them over shared memory.
 *
 * @example
 * const ws = viewWorkspace(message.layout, message.buffers);
 */
export function viewWorkspace(layout: WorkspaceLayout, buffers: WorkspaceBuffers): TrainingWorkspace {
  const m = layout.maxNodes;
  const nodeTable = (k: number): Int32Array => new Int32Array(buffers.nodeTables, k * 4 * m, m);
  return {
    layout,
    buffers,
    bins: layout.wideBins
      ? new Uint16Array(buffers.bins, 0, layout.rowCount * layout.featureCount)
      : new Uint8Array(buffers.bins, 0, layout.rowCount * layout.featureCount),
    labels: new Float32Array(buffers.labels),
    margins: new Float32Array(buffers.margins),
    gh: new Float32Array(buffers.gh),
    rows: new Int32Array(buffers.rows),
    nodeRanges: new Int32Array(buffers.nodeRanges),
    blockHist: new Float64Array(buffers.blockHist),
    command: new Int32Array(buffers.command),
    tables: {
      splitFeature: nodeTable(0),
      splitBin: nodeTable(1),
      missingLeft: nodeTable(2),
      leftChild: nodeTable(3),
      buildNodes: nodeTable(4),
      splitNodes: nodeTable(5),
      finalNodes: nodeTable(6),
    },
    leafValues: new Float32Array(buffers.nodeTables, NODE_TABLES * 4 * m, m),
  };
}
