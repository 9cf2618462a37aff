import { coerceTable } from '../dataset/coerce-table.js';
import { encodeRawColumn } from '../dataset/encode-raw-column.js';
import type { RawColumn, RawTable } from '../dataset/raw-table.js';
import type { Finding } from '../findings/index.js';
import { codedColumnFromCategories } from './coded-column-from-categories.js';
import { inferCodedKind } from './infer-coded-kind.js';
import { QUALITY_FINDING_CODES } from './quality-finding-codes.js';
import type { ColumnRole } from './quality-report.js';
import type { QualityCodedColumn, QualityColumn, QualityTable } from './quality-table.js';

/** The columns a quality report knows the meaning of; the file's other columns are typed by looking. */
export interface QualitySchema {
  readonly numeric: readonly string[];
  readonly categorical: readonly string[];
  readonly target?: string;
}

/**
 * A quality table over a file as read: configured numeric and categorical columns and the target
 * typed as configured (a numeric cell that is not a number becomes missing, and a finding says how
 * many), every other column numeric when all its present cells are numbers, else categorical or
 * text (`inferCodedKind`), encoded without making a string per cell when the reader can.
 *
 * @example
 * const { table, findings } = qualityTableFromRaw('current', await readTable('b.csv'), { numeric: ['amount'], categorical: [] });
 */
export function qualityTableFromRaw(
  name: string,
  raw: RawTable,
  schema: QualitySchema,
): { readonly table: QualityTable; readonly findings: readonly Finding[] } {
  const configured = new Set([...schema.numeric, ...schema.categorical]);
  const target = schema.target ?? '';
  const { frame, numericProblems } = coerceTable(raw, {
    numeric: schema.numeric,
    categorical: schema.categorical,
    target,
    negativeValue: '',
    positiveValues: [],
    carried: [],
  });
  const findings: Finding[] = [];
  for (const [column, problems] of numericProblems) {
    const bad = problems.nonNumeric.count + problems.nonFinite.count;
    if (bad > 0)
      findings.push({
        code: 'NON_NUMERIC_VALUES',
        path: column,
        severity: QUALITY_FINDING_CODES.NON_NUMERIC_VALUES.severity,
        message: `${name}: ${bad} value(s) of numeric column ${column} are not numbers and count as missing (${[
          ...problems.nonNumeric.examples,
          ...problems.nonFinite.examples,
        ]
          .slice(0, 3)
          .map((e) => JSON.stringify(e.text))
          .join(', ')})`,
        value: bad,
      });
  }
  const columns: QualityColumn[] = raw.columns.map((column): QualityColumn => {
    const typed = frame.get(column.name);
    const role: ColumnRole = configured.has(column.name)
      ? 'feature'
      : column.name === target
        ? 'target'
        : 'other';
    if (typed?.kind === 'numeric') return { kind: 'numeric', name: column.name, role, values: typed.values };
    if (typed?.kind === 'categorical')
      return codedColumnFromCategories(column.name, role, typed.codes, typed.categories);
    const numbers = numericCells(column);
    if (numbers) return { kind: 'numeric', name: column.name, role, values: numbers };
    const coded = lazyCodes(column, role);
    return { ...coded, kind: inferCodedKind(coded.distinct, raw.rowCount) };
  });
  return { table: { name, rowCount: raw.rowCount, columns }, findings };
}

/** The cells as numbers when every present one is a number (one at least); stops at the first that is not. */
function numericCells(column: RawColumn): Float64Array | undefined {
  const values = new Float64Array(column.length);
  let present = 0;
  for (let row = 0; row < column.length; row++) {
    const value = column.number(row);
    if (Number.isNaN(value)) {
      if (column.text(row).trim() !== '') return undefined;
    } else present++;
    values[row] = value;
  }
  return present > 0 ? values : undefined;
}

function lazyCodes(column: RawColumn, role: ColumnRole): QualityCodedColumn {
  if (column.encodeLazily) {
    const { codes, distinct, text } = column.encodeLazily();
    return { kind: 'text', name: column.name, role, codes, distinct, label: text };
  }
  const { codes, values } = encodeRawColumn(column);
  return {
    kind: 'text',
    name: column.name,
    role,
    codes,
    distinct: values.length,
    label: (code) => values[code]!,
  };
}
