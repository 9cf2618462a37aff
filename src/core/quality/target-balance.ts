import type { DatasetStats } from './quality-report.js';
import type { QualityColumn } from './quality-table.js';

/**
 * The target's balance: label 0 for the negative conclusion, 1 for any other present value (the
 * data contract's rule). A target written as 0/1 (numbers, or only the texts '0' and '1') is read
 * as the label itself.
 *
 * @example
 * targetBalance(conclusionColumn, 'CLOSED_NO_ROI'); // { column: 'conclusion', positives: 31, negatives: 969, missing: 0, positiveShare: 0.031 }
 */
export function targetBalance(
  column: QualityColumn,
  negativeValue: string,
): NonNullable<DatasetStats['target']> {
  let positives = 0;
  let negatives = 0;
  let missing = 0;
  if (column.kind === 'numeric') {
    for (const value of column.values) {
      if (Number.isNaN(value)) missing++;
      else if (value === 0) negatives++;
      else positives++;
    }
  } else {
    const labels = Array.from({ length: column.distinct }, (_, code) => column.label(code));
    const zeroOne = labels.length > 0 && labels.every((l) => l === '0' || l === '1');
    const negative = labels.map((l) => (zeroOne ? l === '0' : l === negativeValue));
    for (const code of column.codes) {
      if (code < 0) missing++;
      else if (negative[code]) negatives++;
      else positives++;
    }
  }
  const present = positives + negatives;
  return {
    column: column.name,
    positives,
    negatives,
    missing,
    positiveShare: present > 0 ? positives / present : 0,
  };
}
