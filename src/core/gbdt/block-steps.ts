import { Rng } from '../random/rng.js';
import { advanceRows } from './advance-rows.js';
import { buildHistogramOfRange } from './histogram-kernels.js';
import { type Objective, objectiveByName } from './objective.js';
import type { TrainingWorkspace } from './training-workspace.js';

/** Step codes, in `command[0]`. */
export const STEP = {
  /**
   * Finish the previous tree (apply its last splits, add its leaf values to the margins), compute
   * gradients, put every row at the root and build the root histogram in slot 0.
   */
  beginTree: 1,
  /** Move rows down the splits of the step tables and build the histograms of the slotted nodes. */
  advance: 2,
} as const;

/**
 * Runs the current step of a workspace on one block of rows. The same code runs on the main thread
 * and in worker threads; a block's result depends only on the block, never on the thread, so every
 * thread count gives the same model.
 *
 * Command: `[0]` step code, `[1]` tree seed (beginTree), `[2]` histogram slots used (advance).
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

  constructor(workspace: TrainingWorkspace) {
    this.#ws = workspace;
    this.#objective = objectiveByName(workspace.layout.objective);
    this.#offsets2 = Int32Array.from(workspace.layout.binOffsets, (o) => 2 * o);
    this.#histLength = 2 * workspace.layout.totalBins;
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
          start,
          end,
          ws.positions,
          ws.bins,
          layout.featureCount,
          ws.gh,
          ws.tables,
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
    const { layout, positions, margins, bins, leafValues } = ws;
    const { splitFeature, splitBin, missingLeft, leftChild } = ws.tables;
    const stride = layout.featureCount;
    // Finish the previous tree: apply its last splits, add its leaf values.
    for (let r = start; r < end; r++) {
      let node = positions[r]!;
      const feature = splitFeature[node]!;
      if (feature >= 0) {
        const bin = bins[stride * r + feature]!;
        node = leftChild[node]! + 1 - (+(bin <= splitBin[node]!) | +(bin === missingLeft[node]!));
      }
      margins[r] = margins[r]! + leafValues[node]!;
      positions[r] = 0;
    }
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
