import { codedColumnFromValues } from './coded-column-from-values.js';
import type { QualityColumn, QualityTable } from './quality-table.js';
import type { ReferenceSample } from './reference-sample.js';

/** Scored cases by column, as the audit log gives a window of them. */
export interface ScoredCases {
  readonly rows: number;
  readonly inputs: ReadonlyMap<string, readonly (string | number | null)[]>;
  readonly scores: Float64Array;
}

/**
 * The quality table of scored live cases, shaped like the reference sample they are compared with:
 * the sample's feature columns with the same kinds (a value of the wrong type counts as missing), and
 * the scores as the `score` column.
 *
 * @example
 * const current = qualityTableFromCases('cases scored in the last 24 h', window, sample);
 */
export function qualityTableFromCases(name: string, cases: ScoredCases, like: ReferenceSample): QualityTable {
  const empty: readonly (string | number | null)[] = [];
  const columns: QualityColumn[] = like.columns.map((column) => {
    const values = cases.inputs.get(column.name) ?? empty;
    if (column.kind === 'numeric') {
      const numbers = new Float64Array(cases.rows);
      for (let row = 0; row < cases.rows; row++) {
        const value = values[row];
        numbers[row] = typeof value === 'number' ? value : Number.NaN;
      }
      return { kind: 'numeric', name: column.name, role: 'feature', values: numbers };
    }
    const texts = Array.from({ length: cases.rows }, (_, row) => {
      const value = values[row];
      return typeof value === 'string' ? value : null;
    });
    return codedColumnFromValues(column.name, 'feature', 'categorical', texts);
  });
  columns.push({ kind: 'numeric', name: 'score', role: 'score', values: cases.scores });
  return { name, rowCount: cases.rows, columns };
}
