import type { Frame } from '../frame/frame.js';

/** Statistics of one column, as data (the quality report's building block). */
export type ColumnSummary =
  | {
      readonly kind: 'numeric';
      readonly missing: number;
      readonly min: number | null;
      readonly p50: number | null;
      readonly p90: number | null;
      readonly p99: number | null;
      readonly max: number | null;
      readonly mean: number | null;
    }
  | {
      readonly kind: 'categorical';
      readonly missing: number;
      readonly counts: Readonly<Record<string, number>>;
    }
  | { readonly kind: 'text'; readonly missing: number };

export interface FrameSummary {
  readonly rows: number;
  readonly columns: Readonly<Record<string, ColumnSummary>>;
}

function quantile(sorted: Float64Array, q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/**
 * Missing counts, quantiles of numbers and frequencies of categories for every column of a frame.
 *
 * @example
 * frameSummary(frame).columns.risk_pld; // { kind: 'categorical', missing: 3, counts: { HIGH: 10, LOW: 80 } }
 */
export function frameSummary(frame: Frame): FrameSummary {
  const columns: Record<string, ColumnSummary> = {};
  for (const column of frame.columns) {
    if (column.kind === 'numeric') {
      const present = column.values.filter((v) => !Number.isNaN(v)).sort();
      let sum = 0;
      for (const v of present) sum += v;
      columns[column.name] = {
        kind: 'numeric',
        missing: column.values.length - present.length,
        min: present.length ? present[0]! : null,
        p50: quantile(present, 0.5),
        p90: quantile(present, 0.9),
        p99: quantile(present, 0.99),
        max: present.length ? present[present.length - 1]! : null,
        mean: present.length ? sum / present.length : null,
      };
    } else if (column.kind === 'categorical') {
      const counts = new Float64Array(column.categories.length);
      let missing = 0;
      for (const code of column.codes) {
        if (code < 0) missing++;
        else counts[code]!++;
      }
      columns[column.name] = {
        kind: 'categorical',
        missing,
        counts: Object.fromEntries(
          column.categories.map((c, i) => [c, counts[i]!]).filter(([, n]) => n !== 0),
        ),
      };
    } else {
      columns[column.name] = { kind: 'text', missing: column.values.filter((v) => v === null).length };
    }
  }
  return { rows: frame.rowCount, columns };
}
