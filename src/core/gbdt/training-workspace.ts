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
  readonly positions: ArrayBufferLike;
  readonly blockHist: ArrayBufferLike;
  readonly command: ArrayBufferLike;
  /** Five Int32 tables of `maxNodes` entries (see {@link StepTables}) and the leaf values. */
  readonly nodeTables: ArrayBufferLike;
}

/**
 * Every array the row kernels read and write: the bin codes, labels, margins, interleaved
 * gradient/hessian, each row's node, per-block histograms, the per-node tables and the command of
 * the current step. Allocated once per training; nothing is allocated per iteration.
 */
export interface TrainingWorkspace {
  readonly layout: WorkspaceLayout;
  readonly buffers: WorkspaceBuffers;
  readonly bins: Uint8Array | Uint16Array;
  readonly labels: Float32Array;
  readonly margins: Float32Array;
  readonly gh: Float32Array;
  /** The node of the current tree each row is in. */
  readonly positions: Int32Array;
  /** `blockHist[(block * histSlots + slot) * 2 * totalBins + 2 * bin]`: gradient, then hessian. */
  readonly blockHist: Float64Array;
  /** The current step: its code and integer arguments. */
  readonly command: Int32Array;
  /** Which nodes split in the current step and which get a histogram. */
  readonly tables: StepTables;
  /** Leaf value of each node of the previous tree, added to the margins by the next beginTree. */
  readonly leafValues: Float32Array;
}

/** Words of the command buffer: step code, tree seed, histogram slots used. */
export const COMMAND_LENGTH = 4;

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
    positions: allocate(4 * n),
    blockHist: allocate(8 * layout.blockCount * layout.histSlots * 2 * layout.totalBins),
    command: allocate(4 * COMMAND_LENGTH),
    nodeTables: allocate(4 * 6 * layout.maxNodes),
  };
  const workspace = viewWorkspace(layout, buffers);
  workspace.tables.splitFeature.fill(-1);
  workspace.tables.buildSlot.fill(-1);
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
    positions: new Int32Array(buffers.positions),
    blockHist: new Float64Array(buffers.blockHist),
    command: new Int32Array(buffers.command),
    tables: {
      splitFeature: nodeTable(0),
      splitBin: nodeTable(1),
      missingLeft: nodeTable(2),
      leftChild: nodeTable(3),
      buildSlot: nodeTable(4),
    },
    leafValues: new Float32Array(buffers.nodeTables, 5 * 4 * m, m),
  };
}
