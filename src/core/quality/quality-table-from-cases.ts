import { codedColumnFromCategories } from './coded-column-from-categories.js';
import { codedColumnFromValues } from './coded-column-from-values.js';
import type { QualityColumn, QualityTable } from './quality-table.js';
import type { ReferenceSample } from './reference-sample.js';

/** One input of scored cases, by column: numbers (`NaN` missing) or categories (code `-1` missing). */
export type CaseColumn =
  | { readonly kind: 'numeric'; readonly values: Float64Array }
  | { readonly kind: 'categorical'; readonly codes: Int32Array; readonly labels: readonly string[] };

/** Scored cases by column, as the audit log gives a window of them. */
export interface ScoredCases {
  readonly rows: number;
  readonly inputs: ReadonlyMap<string, CaseColumn>;
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
  const columns: QualityColumn[] = like.columns.map((column): QualityColumn => {
    const input = cases.inputs.get(column.name);
    if (column.kind === 'numeric')
      return {
        kind: 'numeric',
        name: column.name,
        role: 'feature',
        values: input?.kind === 'numeric' ? input.values : new Float64Array(cases.rows).fill(Number.NaN),
      };
    if (input?.kind === 'categorical')
      return codedColumnFromCategories(column.name, 'feature', input.codes, input.labels);
    return codedColumnFromValues(
      column.name,
      'feature',
      'categorical',
      new Array<null>(cases.rows).fill(null),
    );
  });
  columns.push({ kind: 'numeric', name: 'score', role: 'score', values: cases.scores });
  return { name, rowCount: cases.rows, columns };
}
