import type { ColumnRole } from './quality-report.js';

/** A numeric column of a quality table; `NaN` marks a missing value (infinities are values, counted apart). */
export interface QualityNumericColumn {
  readonly kind: 'numeric';
  readonly name: string;
  readonly role: ColumnRole;
  readonly values: Float64Array;
}

/**
 * A column of values compared by identity: categories, or text such as ids and dates. Each row's
 * code indexes the distinct present values (`-1` marks a missing value); the text of a code is
 * asked for only when a report shows it, so that a million distinct ids cost no million strings.
 */
export interface QualityCodedColumn {
  readonly kind: 'categorical' | 'text';
  readonly name: string;
  readonly role: ColumnRole;
  readonly codes: Int32Array;
  /** How many distinct present values the codes index. */
  readonly distinct: number;
  label(code: number): string;
}

export type QualityColumn = QualityNumericColumn | QualityCodedColumn;

/**
 * One side of a quality report: named, typed columns of one length. Text columns get statistics
 * but no drift test; categorical and numeric ones get both.
 *
 * @example
 * const table: QualityTable = { name: 'train split', rowCount: 2, columns: [
 *   { kind: 'numeric', name: 'x', role: 'feature', values: Float64Array.of(1, NaN) }] };
 */
export interface QualityTable {
  readonly name: string;
  readonly rowCount: number;
  readonly columns: readonly QualityColumn[];
}

/**
 * Which column is the target and which of its values means "not laundering" (label 0): every other
 * present value is label 1, as in the data contract.
 */
export interface QualityTarget {
  readonly column: string;
  readonly negativeValue: string;
}
