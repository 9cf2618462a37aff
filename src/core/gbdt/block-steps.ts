import { Rng } from '../random/rng.js';
import { advanceRows, type BlockRows } from './advance-rows.js';
import { buildHistogramOfRange } from './histogram-kernels.js';
import { type Objective, objectiveByName } from './objective.js';
import type { TrainingWorkspace } from './training-workspace.js';

/** Step codes, in `command[0]`. */
export const STEP = {
  /**
   * Finish the previous tree (add its leaf values to the margins of the rows of its final nodes,
   * through its last splits), compute gradients, put every row at the root and build the root
   * histogram in slot 0.
   */
  beginTree: 1,
  /** Split the rows of the listed nodes and build the histograms of the listed nodes. */
  advance: 2,
} as const;

/**
 * Runs the current step of a workspace on one block of rows. The same code runs on the main thread
 * and in worker threads; a block's result depends only on the block, never on the thread, so every
 * thread count gives the same model.
 *
 * Command: `[0]` step code, `[1]` tree seed (beginTree), `[2]` histograms to build (advance), `[3]`
 * nodes to split (advance), `[4]` final nodes of the previous tree (beginTree).
 *
 * @example
 * const steps = new BlockSteps(workspace);
 * for (let b = 0; b < workspace.layout.blockCount; b++) steps.run(b);
 */
export class BlockSteps {
  readonly #ws: TrainingWorkspace;
  readonly #objective: Objective;
  readonly #offsets2: Int32Array;
  readonly #histLength: number;
  readonly #blocks: readonly BlockRows[];

  constructor(workspace: TrainingWorkspace) {
    this.#ws = workspace;
    const { layout } = workspace;
    this.#objective = objectiveByName(layout.objective);
    this.#offsets2 = Int32Array.from(layout.binOffsets, (o) => 2 * o);
    this.#histLength = 2 * layout.totalBins;
    this.#blocks = Array.from({ length: layout.blockCount }, (_, b) => ({
      rows: workspace.rows,
      nodeRanges: workspace.nodeRanges,
      rangeBase: 2 * b * layout.maxNodes,
      scratch: layout.rowCount + b * layout.blockRows,
    }));
  }

  run(block: number): void {
    const ws = this.#ws;
    const { layout } = ws;
    const start = block * layout.blockRows;
    const end = Math.min(layout.rowCount, start + layout.blockRows);
    const histBase = block * layout.histSlots * this.#histLength;
    switch (ws.command[0]) {
      case STEP.beginTree:
        this.#beginTree(block, start, end, histBase);
        break;
      case STEP.advance:
        ws.blockHist.fill(0, histBase, histBase + ws.command[2]! * this.#histLength);
        advanceRows(
          this.#blocks[block]!,
          ws.bins,
          layout.featureCount,
          ws.gh,
          ws.tables,
          ws.command[3]!,
          ws.command[2]!,
          this.#offsets2,
          ws.blockHist,
          histBase,
          this.#histLength,
        );
        break;
      default:
        throw new Error(`unknown training step ${ws.command[0]}`);
    }
  }

  #beginTree(block: number, start: number, end: number, histBase: number): void {
    const ws = this.#ws;
    const { layout, rows, nodeRanges, margins, bins, leafValues } = ws;
    const { splitFeature, splitBin, missingLeft, leftChild, finalNodes } = ws.tables;
    const stride = layout.featureCount;
    const rangeBase = 2 * block * layout.maxNodes;
    // Finish the previous tree: add its leaf values, sending the rows of its last splits through them.
    const finalCount = ws.command[4]!;
    for (let i = 0; i < finalCount; i++) {
      const node = finalNodes[i]!;
      const nodeBegin = nodeRanges[rangeBase + 2 * node]!;
      const nodeEnd = nodeRanges[rangeBase + 2 * node + 1]!;
      const feature = splitFeature[node]!;
      if (feature >= 0) {
        const bin0 = splitBin[node]!;
        const missing = missingLeft[node]!;
        const right = leftChild[node]! + 1;
        for (let j = nodeBegin; j < nodeEnd; j++) {
          const r = rows[j]!;
          const bin = bins[stride * r + feature]!;
          margins[r] = margins[r]! + leafValues[right - (+(bin <= bin0) | +(bin === missing))]!;
        }
      } else {
        const value = leafValues[node]!;
        for (let j = nodeBegin; j < nodeEnd; j++) {
          const r = rows[j]!;
          margins[r] = margins[r]! + value;
        }
      }
    }
    for (let r = start; r < end; r++) rows[r] = r;
    nodeRanges[rangeBase] = start;
    nodeRanges[rangeBase + 1] = end;
    this.#objective.gradients(margins, ws.labels, ws.gh, start, end, layout.scalePosWeight);
    if (layout.subsample < 1) {
      const rng = new Rng((ws.command[1]! ^ Math.imul(block + 1, 0x9e3779b1)) >>> 0);
      const gh = ws.gh;
      for (let r = start; r < end; r++) {
        if (rng.next() >= layout.subsample) {
          gh[2 * r] = 0;
          gh[2 * r + 1] = 0;
        }
      }
    }
    ws.blockHist.fill(0, histBase, histBase + this.#histLength);
    buildHistogramOfRange(start, end, ws.gh, bins, stride, this.#offsets2, ws.blockHist, histBase);
  }
}
