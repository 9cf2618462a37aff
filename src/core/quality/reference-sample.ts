import type { Rng } from '../random/index.js';
import type { QualityTable } from './quality-table.js';

/** Most rows a reference sample keeps: enough for every drift test to be as sharp as on the whole split. */
export const REFERENCE_SAMPLE_ROWS = 100_000;

/** A column of a reference sample, JSON-ready: missing values as null. */
export type ReferenceSampleColumn =
  | { readonly name: string; readonly kind: 'numeric'; readonly values: readonly (number | null)[] }
  | { readonly name: string; readonly kind: 'categorical'; readonly values: readonly (string | null)[] };

/**
 * What live monitoring compares traffic with: a seeded sample of the rows a version was trained on
 * (its feature columns) and the version's scores on them, stored with the training run.
 */
export interface ReferenceSample {
  readonly formatVersion: 1;
  /** Rows the sample was drawn from (the train split). */
  readonly sourceRows: number;
  readonly rows: number;
  readonly columns: readonly ReferenceSampleColumn[];
  /** The model's score of each sampled row; empty when no model scored them. */
  readonly scores: readonly number[];
}

/**
 * Draws the reference sample of a training: every row when there are at most `maxRows`, else
 * `maxRows` rows chosen by a seeded shuffle, kept in their original order; only the table's feature
 * columns and, when given, the scores.
 *
 * @example
 * const sample = referenceSample(trainTable, scratch.trainProbabilities, new Rng(42));
 */
export function referenceSample(
  table: QualityTable,
  scores: Float64Array | undefined,
  rng: Rng,
  maxRows = REFERENCE_SAMPLE_ROWS,
): ReferenceSample {
  const n = table.rowCount;
  let rows: Uint32Array;
  if (n <= maxRows) rows = Uint32Array.from({ length: n }, (_, i) => i);
  else {
    // A partial Fisher-Yates shuffle picks maxRows distinct rows.
    const order = Uint32Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < maxRows; i++) {
      const j = i + rng.nextInt(n - i);
      const swap = order[i]!;
      order[i] = order[j]!;
      order[j] = swap;
    }
    rows = order.slice(0, maxRows).sort();
  }
  const columns: ReferenceSampleColumn[] = [];
  for (const column of table.columns) {
    if (column.role !== 'feature') continue;
    if (column.kind === 'numeric')
      columns.push({
        name: column.name,
        kind: 'numeric',
        values: Array.from(rows, (r) => (Number.isNaN(column.values[r]!) ? null : column.values[r]!)),
      });
    else
      columns.push({
        name: column.name,
        kind: 'categorical',
        values: Array.from(rows, (r) => (column.codes[r]! < 0 ? null : column.label(column.codes[r]!))),
      });
  }
  return {
    formatVersion: 1,
    sourceRows: n,
    rows: rows.length,
    columns,
    scores: scores ? Array.from(rows, (r) => scores[r]!) : [],
  };
}
