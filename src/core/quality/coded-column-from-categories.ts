import type { ColumnRole } from './quality-report.js';
import type { QualityCodedColumn } from './quality-table.js';

/**
 * A categorical quality column over codes into a list of categories (a frame's categorical column,
 * shared, not copied).
 *
 * @example
 * codedColumnFromCategories('risk_pld', 'feature', Int32Array.of(0, -1, 1), ['HIGH', 'LOW']);
 */
export function codedColumnFromCategories(
  name: string,
  role: ColumnRole,
  codes: Int32Array,
  categories: readonly string[],
): QualityCodedColumn {
  return {
    kind: 'categorical',
    name,
    role,
    codes,
    distinct: categories.length,
    label: (code) => categories[code]!,
  };
}
