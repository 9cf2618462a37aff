import { Rng } from '../random/rng.js';
import type { FeatureMatrix } from './feature-matrix.js';
import { type FeatureCuts, quantileCuts } from './quantile-cuts.js';
import { sortFloat32, sortUint32 } from './radix-sort.js';

/** Rows sampled to find the cuts, as LightGBM's `bin_construct_sample_cnt` (all rows below it). */
export const BIN_SAMPLE_ROWS = 1 << 18;

/** Bin codes row-major (`bins[row * featureCount + feature]`): one byte per value up to 256 bins. */
export type BinCodes = Uint8Array | Uint16Array;

/**
 * Maps float32 feature values to bin codes: per feature the quantile cuts, the missing bin (the last
 * code of the feature), and where the feature's bins start in a node histogram.
 *
 * @example
 * const mapper = BinMapper.fit(matrix, 256, 0);
 * const bins = mapper.newCodes(matrix.rowCount);
 * mapper.binRows(matrix, bins);
 */
export class BinMapper {
  readonly features: readonly FeatureCuts[];
  /** Bins per feature, the missing bin included. */
  readonly binCounts: Int32Array;
  /** Index of each feature's first bin in a node histogram (in bins, not in doubles). */
  readonly binOffsets: Int32Array;
  /** Bins of all features: a node histogram holds `2 * totalBins` doubles. */
  readonly totalBins: number;
  readonly maxBinCount: number;
  /** Per feature, the cuts a value is searched in, padded with +Infinity to a power of two. */
  readonly #searchCuts: readonly Float32Array[];

  constructor(features: readonly FeatureCuts[]) {
    this.features = features;
    this.#searchCuts = features.map(({ cuts }) => {
      let size = 1;
      while (size < cuts.length - 1) size *= 2;
      const padded = new Float32Array(size).fill(Number.POSITIVE_INFINITY);
      padded.set(cuts.subarray(0, cuts.length - 1));
      return padded;
    });
    this.binCounts = Int32Array.from(features, (f) => f.cuts.length + 1);
    this.binOffsets = new Int32Array(features.length);
    let total = 0;
    let widest = 0;
    for (let f = 0; f < features.length; f++) {
      this.binOffsets[f] = total;
      total += this.binCounts[f]!;
      widest = Math.max(widest, this.binCounts[f]!);
    }
    this.totalBins = total;
    this.maxBinCount = widest;
  }

  /**
   * Cuts for every feature of `matrix`. A feature with missing values spends one of its `maxBin`
   * bins on them (as LightGBM does), so that 256 bins fit in one byte.
   */
  static fit(matrix: FeatureMatrix, maxBin: number, seed: number): BinMapper {
    const n = matrix.rowCount;
    let sampleRows: Uint32Array | undefined;
    if (n > BIN_SAMPLE_ROWS) {
      const rng = new Rng(seed ^ 0x5bd1e995);
      sampleRows = new Uint32Array(BIN_SAMPLE_ROWS);
      for (let i = 0; i < sampleRows.length; i++) sampleRows[i] = rng.nextInt(n);
      sortUint32(sampleRows);
    }
    const features = matrix.columns.map((column) => {
      const m = sampleRows ? sampleRows.length : n;
      const values = new Float32Array(m);
      let present = 0;
      let hasMissing = false;
      for (let i = 0; i < m; i++) {
        const v = column[sampleRows ? sampleRows[i]! : i]!;
        if (!Number.isNaN(v)) values[present++] = v;
        else hasMissing = true;
      }
      let range: { min: number; max: number } | undefined;
      if (sampleRows) {
        let min = Number.POSITIVE_INFINITY;
        let max = Number.NEGATIVE_INFINITY;
        for (let r = 0; r < n; r++) {
          const v = column[r]!;
          if (v < min) min = v;
          if (v > max) max = v;
          if (Number.isNaN(v)) hasMissing = true;
        }
        range = { min, max };
      }
      const sorted = values.subarray(0, present);
      sortFloat32(sorted);
      return quantileCuts(sorted, hasMissing ? maxBin - 1 : maxBin, range);
    });
    return new BinMapper(features);
  }

  get featureCount(): number {
    return this.features.length;
  }

  /** The bin code of missing values of feature `f`. */
  missingBin(f: number): number {
    return this.binCounts[f]! - 1;
  }

  /** A zeroed code matrix for `rows` rows, in `buffer` when given (e.g. a SharedArrayBuffer). */
  newCodes(rows: number, buffer?: ArrayBufferLike): BinCodes {
    const length = rows * this.featureCount;
    if (this.maxBinCount <= 256) return buffer ? new Uint8Array(buffer, 0, length) : new Uint8Array(length);
    return buffer ? new Uint16Array(buffer, 0, length) : new Uint16Array(length);
  }

  /** Bytes {@link newCodes} needs for `rows` rows. */
  codesByteLength(rows: number): number {
    return rows * this.featureCount * (this.maxBinCount <= 256 ? 1 : 2);
  }

  /** Writes the code of every value of `matrix` into `out` (row-major). */
  binRows(matrix: FeatureMatrix, out: BinCodes, rowStart = 0, rowEnd = matrix.rowCount): void {
    const stride = this.featureCount;
    for (let f = 0; f < stride; f++) {
      const column = matrix.columns[f]!;
      const missing = this.features[f]!.cuts.length;
      // The same bin as `upperBound`, by a search whose steps do not depend on the value: a fixed
      // number of halvings over the padded cuts, then one last comparison.
      const search = this.#searchCuts[f]!;
      const last = missing - 1;
      const top = search.length >>> 1;
      for (let r = rowStart; r < rowEnd; r++) {
        const v = column[r]!;
        let lo = 0;
        for (let step = top; step > 0; step >>>= 1) lo += +(search[lo + step - 1]! <= v) * step;
        lo += +(lo < last && search[lo]! <= v);
        out[r * stride + f] = Number.isNaN(v) ? missing : lo;
      }
    }
  }

  /** The bin of value `v` of feature `f` (its missing bin for NaN). */
  binOf(f: number, v: number): number {
    const cuts = this.features[f]!.cuts;
    return Number.isNaN(v) ? cuts.length : upperBound(cuts, v);
  }
}

/**
 * Index of the first cut greater than `v`; values above every cut stay in the last bin. Branch-free
 * halving: the direction of each step is not predictable, so arithmetic beats a branch.
 */
function upperBound(cuts: Float32Array, v: number): number {
  let lo = 0;
  let n = cuts.length - 1;
  while (n > 0) {
    const half = n >>> 1;
    const right = +(cuts[lo + half]! <= v);
    lo += right * (half + 1);
    n = half + right * (n - 2 * half - 1);
  }
  return lo;
}
