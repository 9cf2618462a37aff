import type { CategoryShare, ColumnStats } from './quality-report.js';
import type { QualityCodedColumn } from './quality-table.js';

/** Categories listed in a column's statistics; the rest are summed in `otherCount`. */
export const LISTED_CATEGORIES = 100;

/** A coded column's statistics, and how many rows hold each code (what the drift tests and charts read). */
export interface CodedColumnProfile {
  readonly stats: ColumnStats;
  readonly counts: Float64Array;
}

/**
 * Statistics of a categorical or text column in one pass over its codes: count, missing, unique,
 * the most common value (the first met among equals) and, for categorical columns, every category
 * with its share, most common first.
 *
 * @example
 * profileCodedColumn(codedColumnFromValues('risk_pld', 'feature', 'categorical', ['HIGH', null, 'HIGH'])).stats.unique; // 1
 */
export function profileCodedColumn(column: QualityCodedColumn): CodedColumnProfile {
  const { codes } = column;
  const rows = codes.length;
  const counts = new Float64Array(column.distinct);
  let missing = 0;
  for (let row = 0; row < rows; row++) {
    const code = codes[row]!;
    if (code < 0) missing++;
    else counts[code]!++;
  }
  const present = rows - missing;
  let unique = 0;
  let best = -1;
  for (let code = 0; code < counts.length; code++) {
    const count = counts[code]!;
    if (count === 0) continue;
    unique++;
    if (best < 0 || count > counts[best]!) best = code;
  }
  let categories: CategoryShare[] | undefined;
  let otherCount: number | undefined;
  if (column.kind === 'categorical') {
    const order = Array.from({ length: counts.length }, (_, code) => code)
      .filter((code) => counts[code]! > 0)
      .sort((a, b) => counts[b]! - counts[a]! || a - b);
    categories = order.slice(0, LISTED_CATEGORIES).map((code) => ({
      value: column.label(code),
      count: counts[code]!,
      share: counts[code]! / present,
    }));
    otherCount = order.slice(LISTED_CATEGORIES).reduce((sum, code) => sum + counts[code]!, 0);
  }
  return {
    counts,
    stats: {
      rows,
      count: present,
      missing,
      missingShare: rows > 0 ? missing / rows : 0,
      unique,
      mostCommon:
        best >= 0
          ? { value: column.label(best), count: counts[best]!, share: counts[best]! / present }
          : null,
      ...(categories ? { categories, otherCount: otherCount! } : {}),
    },
  };
}
