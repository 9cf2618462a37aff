import type { BinMapper } from './bin-mapper.js';
import { STEP } from './block-steps.js';
import { subtractHistogram, sumBlockHistograms } from './histogram-kernels.js';
import type { GbdtParams } from './parameters.js';
import { SplitCandidate } from './split-candidate.js';
import { findBestSplit } from './split-finder.js';
import { calcWeight } from './split-gain.js';
import type { BlockRunner } from './training-backend.js';
import type { TrainingWorkspace } from './training-workspace.js';
import { ROOT_PARENT, type Tree } from './tree.js';

/** XGBoost's `kRtEps`: a split must reduce the loss by more than this. */
const MIN_LOSS_CHANGE = 1e-6;

/**
 * Grows one tree per call, as XGBoost 1.7's `grow_quantile_histmaker`: evaluate the root, then
 * repeatedly take the nodes to expand (a whole level for `depthwise`, the best leaf for
 * `lossguide`), apply their valid splits, partition their rows between the children (each block
 * keeps per-node lists of row indices), build the smaller child's histogram (by hessian) from its
 * rows only, subtract it from the parent's for the sibling, and evaluate the children. The last
 * splits of a tree are not partitioned: the next tree's first pass sends their rows to the leaves.
 *
 * Row work runs as steps over blocks through the {@link BlockRunner}; this class does the small
 * per-node work on the calling thread. Buffers are allocated once and reused for every tree.
 *
 * @example
 * const grower = new TreeGrower(workspace, runner, mapper, params);
 * const tree = grower.grow(features, treeSeed);
 */
export class TreeGrower {
  readonly #ws: TrainingWorkspace;
  readonly #runner: BlockRunner;
  readonly #mapper: BinMapper;
  readonly #params: GbdtParams;
  readonly #histLength: number;
  readonly #eta: number;
  // Per node of the tree being grown.
  readonly #left: Int32Array;
  readonly #right: Int32Array;
  readonly #parent: Int32Array;
  readonly #depth: Int32Array;
  readonly #grad: Float64Array;
  readonly #hess: Float64Array;
  readonly #candidates: SplitCandidate[] = [];
  readonly #hists: (Float64Array | undefined)[] = [];
  readonly #histPool: Float64Array[] = [];
  #nodes = 0;
  #queue: number[] = [];
  /** Splits left in the step tables for the next tree's first pass to apply. */
  readonly #deferred: number[] = [];
  /** Entries of `tables.finalNodes` for the next tree's first pass. */
  #finalCount = 0;

  constructor(workspace: TrainingWorkspace, runner: BlockRunner, mapper: BinMapper, params: GbdtParams) {
    this.#ws = workspace;
    this.#runner = runner;
    this.#mapper = mapper;
    this.#params = params;
    this.#histLength = 2 * mapper.totalBins;
    this.#eta = Math.fround(params.learning_rate);
    const m = workspace.layout.maxNodes;
    this.#left = new Int32Array(m);
    this.#right = new Int32Array(m);
    this.#parent = new Int32Array(m);
    this.#depth = new Int32Array(m);
    this.#grad = new Float64Array(m);
    this.#hess = new Float64Array(m);
  }

  /** Grows the next tree on the current margins, considering only `features`. */
  grow(features: Int32Array, treeSeed: number): Tree {
    this.#beginTree(treeSeed);
    const params = this.#params;
    let numLeaves = 1;
    this.#evaluate(0, features);
    this.#queue.length = 0;
    this.#queue.push(0);
    const applied: number[] = [];
    const valid: number[] = [];
    while (this.#queue.length > 0) {
      const expandSet = this.#pop();
      const depth = this.#depth[expandSet[0]!]! + 1;
      applied.length = 0;
      valid.length = 0;
      for (const node of expandSet) {
        if (!this.#isValid(node, numLeaves)) continue;
        this.#applySplit(node, depth);
        applied.push(node);
        numLeaves++;
        const childOk =
          !(params.max_depth > 0 && depth >= params.max_depth) &&
          !(params.max_leaves > 0 && numLeaves >= params.max_leaves);
        if (childOk) valid.push(node);
      }
      if (valid.length === 0 && this.#queue.length === 0) this.#deferred.push(...applied);
      else this.#advance(applied, valid, features);
      for (const node of expandSet) this.#releaseHist(node);
      for (const node of valid) this.#queue.push(this.#left[node]!, this.#right[node]!);
    }
    return this.#emitTree();
  }

  #beginTree(treeSeed: number): void {
    const { command, tables } = this.#ws;
    command[0] = STEP.beginTree;
    command[1] = treeSeed | 0;
    command[4] = this.#finalCount;
    this.#runner.runStep();
    for (const node of this.#deferred) tables.splitFeature[node] = -1;
    this.#deferred.length = 0;
    this.#nodes = 1;
    this.#initNode(0, ROOT_PARENT, 0);
    const hist = this.#takeHist();
    this.#sumSlot(0, hist);
    this.#hists[0] = hist;
    // Root statistics: every row is in each feature's bins (the missing bin included).
    let g = 0;
    let h = 0;
    const bins = this.#mapper.binCounts[0] ?? 0;
    for (let b = 0; b < bins; b++) {
      g += hist[2 * b]!;
      h += hist[2 * b + 1]!;
    }
    this.#grad[0] = g;
    this.#hess[0] = h;
  }

  #initNode(node: number, parent: number, depth: number): void {
    this.#left[node] = -1;
    this.#right[node] = -1;
    this.#parent[node] = parent;
    this.#depth[node] = depth;
    if (this.#candidates[node] === undefined) this.#candidates[node] = new SplitCandidate();
    else this.#candidates[node]!.reset();
  }

  #pop(): number[] {
    const queue = this.#queue;
    if (this.#params.grow_policy === 'depthwise') {
      const set = queue.slice().sort((a, b) => a - b);
      queue.length = 0;
      return set;
    }
    // lossguide: the largest loss change first, the lower node id on ties (XGBoost's order).
    let best = 0;
    for (let i = 1; i < queue.length; i++) {
      const a = this.#candidates[queue[i]!]!.lossChange;
      const b = this.#candidates[queue[best]!]!.lossChange;
      if (a > b || (a === b && queue[i]! < queue[best]!)) best = i;
    }
    const node = queue[best]!;
    queue.splice(best, 1);
    return [node];
  }

  /** XGBoost's `ExpandEntry::IsValid`. */
  #isValid(node: number, numLeaves: number): boolean {
    const c = this.#candidates[node]!;
    const p = this.#params;
    if (!c.found || c.lossChange <= MIN_LOSS_CHANGE) return false;
    if (c.leftHess === 0 || c.rightHess === 0) return false;
    if (c.lossChange < p.gamma) return false;
    if (p.max_depth > 0 && this.#depth[node] === p.max_depth) return false;
    if (p.max_leaves > 0 && numLeaves === p.max_leaves) return false;
    return true;
  }

  /** Creates the children and writes the split into the step tables. */
  #applySplit(node: number, depth: number): void {
    const c = this.#candidates[node]!;
    const left = this.#nodes++;
    const right = this.#nodes++;
    this.#left[node] = left;
    this.#right[node] = right;
    this.#initNode(left, node, depth);
    this.#initNode(right, node, depth);
    this.#grad[left] = c.leftGrad;
    this.#hess[left] = c.leftHess;
    this.#grad[right] = c.rightGrad;
    this.#hess[right] = c.rightHess;
    const tables = this.#ws.tables;
    tables.splitFeature[node] = c.feature;
    tables.splitBin[node] = c.bin;
    tables.missingLeft[node] = c.defaultLeft ? this.#mapper.missingBin(c.feature) : -1;
    tables.leftChild[node] = left;
  }

  /**
   * Moves the rows of the applied splits to their children and builds the smaller child's
   * histogram of each split in `valid` (several passes when there are more than the slots).
   */
  #advance(applied: readonly number[], valid: readonly number[], features: Int32Array): void {
    const { command, tables, layout } = this.#ws;
    const slots = layout.histSlots;
    for (let i = 0; i < applied.length; i++) tables.splitNodes[i] = applied[i]!;
    let from = 0;
    do {
      const chunk = Math.min(slots, valid.length - from);
      for (let s = 0; s < chunk; s++) tables.buildNodes[s] = this.#smallerChild(valid[from + s]!);
      command[0] = STEP.advance;
      command[2] = chunk;
      command[3] = from === 0 ? applied.length : 0;
      this.#runner.runStep();
      if (from === 0) for (const node of applied) tables.splitFeature[node] = -1;
      for (let s = 0; s < chunk; s++) {
        const node = valid[from + s]!;
        const small = this.#smallerChild(node);
        const large = small === this.#left[node] ? this.#right[node]! : this.#left[node]!;
        const smallHist = this.#takeHist();
        this.#sumSlot(s, smallHist);
        const largeHist = this.#takeHist();
        subtractHistogram(this.#hists[node]!, smallHist, largeHist, this.#histLength);
        this.#hists[small] = smallHist;
        this.#hists[large] = largeHist;
        this.#evaluate(this.#left[node]!, features);
        this.#evaluate(this.#right[node]!, features);
      }
      from += chunk;
    } while (from < valid.length);
  }

  /** The child to build (the other is its parent minus it): the one with less hessian. */
  #smallerChild(node: number): number {
    const left = this.#left[node]!;
    const right = this.#right[node]!;
    return this.#hess[left]! <= this.#hess[right]! ? left : right;
  }

  #evaluate(node: number, features: Int32Array): void {
    findBestSplit(
      this.#hists[node]!,
      0,
      this.#grad[node]!,
      this.#hess[node]!,
      this.#mapper,
      features,
      this.#params,
      this.#candidates[node]!,
    );
  }

  #sumSlot(slot: number, out: Float64Array): void {
    const { layout, blockHist } = this.#ws;
    const len = this.#histLength;
    sumBlockHistograms(blockHist, slot * len, layout.histSlots * len, layout.blockCount, len, out, 0);
  }

  #takeHist(): Float64Array {
    return this.#histPool.pop() ?? new Float64Array(this.#histLength);
  }

  #releaseHist(node: number): void {
    const hist = this.#hists[node];
    if (hist !== undefined) {
      this.#histPool.push(hist);
      this.#hists[node] = undefined;
    }
  }

  /**
   * The tree in XGBoost's layout; leaf values, and the nodes whose rows take them, also go to the
   * step tables for the next first pass.
   */
  #emitTree(): Tree {
    const n = this.#nodes;
    const tree: Tree = {
      left: this.#left.slice(0, n),
      right: this.#right.slice(0, n),
      parent: this.#parent.slice(0, n),
      splitFeature: new Int32Array(n),
      splitCondition: new Float32Array(n),
      defaultLeft: new Uint8Array(n),
      baseWeight: new Float32Array(n),
      lossChange: new Float32Array(n),
      sumHessian: new Float32Array(n),
    };
    const { leafValues, tables } = this.#ws;
    let finalCount = 0;
    for (let node = 0; node < n; node++) {
      // A leaf holds rows unless its parent's split is left for the next first pass, which holds them.
      const deferred = this.#left[node] !== -1 && tables.splitFeature[node]! >= 0;
      const parent = this.#parent[node]!;
      const leafWithRows = this.#left[node] === -1 && (node === 0 || tables.splitFeature[parent]! < 0);
      if (deferred || leafWithRows) tables.finalNodes[finalCount++] = node;
      const weight = Math.fround(calcWeight(this.#grad[node]!, this.#hess[node]!, this.#params));
      tree.baseWeight[node] = weight;
      tree.sumHessian[node] = this.#hess[node]!;
      if (this.#left[node] === -1) {
        const value = Math.fround(weight * this.#eta);
        tree.splitCondition[node] = value;
        leafValues[node] = value;
      } else {
        const c = this.#candidates[node]!;
        tree.splitFeature[node] = c.feature;
        tree.splitCondition[node] = c.threshold;
        tree.defaultLeft[node] = c.defaultLeft ? 1 : 0;
        tree.lossChange[node] = c.lossChange;
        leafValues[node] = 0;
      }
    }
    this.#finalCount = finalCount;
    return tree;
  }
}
