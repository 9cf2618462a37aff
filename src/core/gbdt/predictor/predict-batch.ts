import { AmlopsError } from '../../errors/index.js';
import type { FeatureMatrix } from '../feature-matrix.js';
import { marginToOutput } from './margin-to-output.js';
import type { PackedEnsemble } from './packed-ensemble.js';

/** Rows per block (a multiple of 8): the block's rows and sums stay in L1 while every tree runs over them. */
const BLOCK_ROWS = 256;

/** A range of rows `[start, end)`; the whole matrix by default. */
export interface RowRange {
  readonly start?: number;
  readonly end?: number;
}

/**
 * Scores rows `[start, end)` of a matrix into `out[start .. end)` (margins), with the same float32
 * arithmetic as {@link predictRowMargin}. Rows are copied block by block into a widened row-major buffer (see
 * {@link PackedEnsemble}), then
 * each tree runs over the block eight rows at a time with a branch-free step (a leaf keeps its rows
 * in place), so that the rows' independent paths overlap in the processor.
 *
 * @example
 * const margins = new Float64Array(matrix.rowCount);
 * predictBatchMargin(packEnsemble(booster), matrix, margins);
 */
export function predictBatchMargin(
  packed: PackedEnsemble,
  matrix: FeatureMatrix,
  out: Float64Array | Float32Array,
  range: RowRange = {},
): void {
  const { start, end } = checkBatch(packed, matrix, out, range);
  const featureCount = packed.featureCount;
  const width = 2 * featureCount + 1;
  // Row slots past the end of the last block keep stale (finite) values: scored, never written out.
  const rows = new Float32Array(BLOCK_ROWS * width).fill(Number.NaN);
  const sums = new Float32Array(BLOCK_ROWS);
  const columns = matrix.columns;
  const { nodes, values, roots, depths } = packed;
  const width2 = 2 * width;
  const width3 = 3 * width;
  const width4 = 4 * width;
  const width5 = 5 * width;
  const width6 = 6 * width;
  const width7 = 7 * width;
  const width8 = 8 * width;
  for (let from = start; from < end; from += BLOCK_ROWS) {
    const count = Math.min(BLOCK_ROWS, end - from);
    for (let f = 0; f < featureCount; f++) {
      const column = columns[f]!;
      for (let r = 0, at = 2 * f; r < count; r++, at += width) {
        const value = column[from + r]!;
        const missing = Number.isNaN(value);
        rows[at] = missing ? Number.NEGATIVE_INFINITY : value;
        rows[at + 1] = missing ? Number.POSITIVE_INFINITY : value;
      }
    }
    sums.fill(packed.baseMargin);
    for (let t = 0; t < roots.length; t++) {
      const root = roots[t]! * 3;
      const depth = depths[t]!;
      // Eight rows side by side: their paths are independent, so the processor overlaps them.
      for (let r = 0, base = 0; r < count; r += 8, base += width8) {
        let a0 = root;
        let a1 = root;
        let a2 = root;
        let a3 = root;
        let a4 = root;
        let a5 = root;
        let a6 = root;
        let a7 = root;
        for (let level = 0; level < depth; level++) {
          // Right when value >= threshold (a missing value reads as -Infinity or +Infinity by the
          // node's default side); a leaf reads the NaN slot and stays where it is.
          const v0 = rows[base + nodes[a0]!]!;
          const v1 = rows[base + width + nodes[a1]!]!;
          const v2 = rows[base + width2 + nodes[a2]!]!;
          const v3 = rows[base + width3 + nodes[a3]!]!;
          const v4 = rows[base + width4 + nodes[a4]!]!;
          const v5 = rows[base + width5 + nodes[a5]!]!;
          const v6 = rows[base + width6 + nodes[a6]!]!;
          const v7 = rows[base + width7 + nodes[a7]!]!;
          const t0 = values[a0 + 1]!;
          const t1 = values[a1 + 1]!;
          const t2 = values[a2 + 1]!;
          const t3 = values[a3 + 1]!;
          const t4 = values[a4 + 1]!;
          const t5 = values[a5 + 1]!;
          const t6 = values[a6 + 1]!;
          const t7 = values[a7 + 1]!;
          const l0 = nodes[a0 + 2]!;
          const l1 = nodes[a1 + 2]!;
          const l2 = nodes[a2 + 2]!;
          const l3 = nodes[a3 + 2]!;
          const l4 = nodes[a4 + 2]!;
          const l5 = nodes[a5 + 2]!;
          const l6 = nodes[a6 + 2]!;
          const l7 = nodes[a7 + 2]!;
          a0 = (l0 + +(v0 >= t0)) * 3;
          a1 = (l1 + +(v1 >= t1)) * 3;
          a2 = (l2 + +(v2 >= t2)) * 3;
          a3 = (l3 + +(v3 >= t3)) * 3;
          a4 = (l4 + +(v4 >= t4)) * 3;
          a5 = (l5 + +(v5 >= t5)) * 3;
          a6 = (l6 + +(v6 >= t6)) * 3;
          a7 = (l7 + +(v7 >= t7)) * 3;
        }
        // Float32Array stores round each sum to float32, as XGBoost accumulates.
        sums[r]! += values[a0 + 1]!;
        sums[r + 1]! += values[a1 + 1]!;
        sums[r + 2]! += values[a2 + 1]!;
        sums[r + 3]! += values[a3 + 1]!;
        sums[r + 4]! += values[a4 + 1]!;
        sums[r + 5]! += values[a5 + 1]!;
        sums[r + 6]! += values[a6 + 1]!;
        sums[r + 7]! += values[a7 + 1]!;
      }
    }
    for (let r = 0; r < count; r++) out[from + r] = sums[r]!;
  }
}

/**
 * Scores rows `[start, end)` into `out[start .. end)` in output space (probabilities for
 * binary:logistic).
 *
 * @example
 * const p = new Float32Array(matrix.rowCount);
 * predictBatchProbability(packEnsemble(booster), matrix, p);
 */
export function predictBatchProbability(
  packed: PackedEnsemble,
  matrix: FeatureMatrix,
  out: Float64Array | Float32Array,
  range: RowRange = {},
): void {
  predictBatchMargin(packed, matrix, out, range);
  const { start, end } = checkBatch(packed, matrix, out, range);
  for (let r = start; r < end; r++) out[r] = marginToOutput(packed.objective, out[r]!);
}

function checkBatch(
  packed: PackedEnsemble,
  matrix: FeatureMatrix,
  out: Float64Array | Float32Array,
  range: RowRange,
): { start: number; end: number } {
  const start = range.start ?? 0;
  const end = range.end ?? matrix.rowCount;
  if (matrix.columns.length !== packed.featureCount) {
    throw new AmlopsError(
      'DATA_INVALID',
      `the model needs ${packed.featureCount} feature columns; the matrix has ${matrix.columns.length}`,
    );
  }
  for (let f = 0; f < matrix.columns.length; f++) {
    if (matrix.columns[f]!.length < matrix.rowCount) {
      throw new AmlopsError(
        'DATA_INVALID',
        `feature column ${matrix.featureNames[f] ?? f} has ${matrix.columns[f]!.length} values; the matrix has ${matrix.rowCount} rows`,
      );
    }
  }
  if (
    !Number.isInteger(start) ||
    !Number.isInteger(end) ||
    start < 0 ||
    end < start ||
    end > matrix.rowCount
  ) {
    throw new AmlopsError(
      'DATA_INVALID',
      `row range [${start}, ${end}) is not within [0, ${matrix.rowCount})`,
    );
  }
  if (out.length < end) {
    throw new AmlopsError(
      'DATA_INVALID',
      `the output holds ${out.length} scores; rows up to ${end} need ${end}`,
    );
  }
  return { start, end };
}
