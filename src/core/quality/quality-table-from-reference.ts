import { codedColumnFromValues } from './coded-column-from-values.js';
import type { QualityColumn, QualityTable } from './quality-table.js';
import type { ReferenceSample } from './reference-sample.js';

/**
 * The quality table of a stored reference sample: its feature columns, and its scores as the
 * `score` column when it has them.
 *
 * @example
 * const reference = qualityTableFromReference('training data of version 3', sample);
 */
export function qualityTableFromReference(name: string, sample: ReferenceSample): QualityTable {
  const columns: QualityColumn[] = sample.columns.map((column) =>
    column.kind === 'numeric'
      ? {
          kind: 'numeric',
          name: column.name,
          role: 'feature',
          values: Float64Array.from(column.values, (v) => (v === null ? Number.NaN : v)),
        }
      : codedColumnFromValues(column.name, 'feature', 'categorical', column.values),
  );
  if (sample.scores.length === sample.rows)
    columns.push({ kind: 'numeric', name: 'score', role: 'score', values: Float64Array.from(sample.scores) });
  return { name, rowCount: sample.rows, columns };
}
