import { type Finding, hasFatal } from '../findings/index.js';
import type { Frame } from '../frame/index.js';
import { coerceTable } from './coerce-table.js';
import { countMissing } from './count-missing.js';
import type { DatasetSchema } from './dataset-schema.js';
import { deriveLabels } from './derive-labels.js';
import { findDuplicateRows } from './find-duplicate-rows.js';
import { formatExamples } from './format-examples.js';
import type { LabelSummary } from './label-summary.js';
import { numericFindings } from './numeric-findings.js';
import type { RawTable } from './raw-table.js';
import { targetFindings } from './target-findings.js';

export interface DatasetValidationOptions {
  /** Whether the target column must be present (training data); false for data to score. Default true. */
  readonly requireTarget?: boolean;
}

/** The shape of a dataset, for people and for `--json`. */
export interface DatasetSummary {
  readonly rows: number;
  /** Columns of the frame (schema columns present in the file, and carried columns). */
  readonly columns: number;
  readonly columnNames: readonly string[];
  /** Missing cells per column of the frame. */
  readonly missing: Readonly<Record<string, number>>;
  /** Present when the file has the target column. */
  readonly labels?: LabelSummary;
}

/** A dataset typed per its schema, with everything validation found. */
export interface DatasetValidation {
  readonly frame: Frame;
  /** 0/1 per row (`UNKNOWN_LABEL` for a missing conclusion); present when the file has the target column. */
  readonly labels?: Uint8Array;
  readonly findings: readonly Finding[];
  readonly summary: DatasetSummary;
  /** True when no finding is fatal. */
  readonly ok: boolean;
}

/** The setting that gives a column each role: named when the column is missing. */
const SETTING_OF = {
  target: 'data.targetColumn',
  numeric: 'data.numericColumns',
  categorical: 'data.categoricalColumns',
} as const;

/**
 * Types a raw table per the schema and checks it, returning findings as data (fatal: missing
 * required column, empty dataset, non-numeric, `NaN`/`Infinity` or negative amounts, rows without a
 * conclusion, a single class; warning: unknown conclusions, duplicated rows; info: missing-value
 * rates). Positions in messages are the file's (CSV: header = line 1, first data row = line 2).
 *
 * @example
 * const result = validateDataset(rawTableFromColumns({ total_income_dollar_amount: ['-3'], ... }), schema);
 * result.ok; // false
 * result.findings[0].code; // 'NEGATIVE_AMOUNT'
 */
export function validateDataset(
  raw: RawTable,
  schema: DatasetSchema,
  options: DatasetValidationOptions = {},
): DatasetValidation {
  const requireTarget = options.requireTarget ?? true;
  const { frame, absentColumns, numericProblems } = coerceTable(raw, schema);
  const findings: Finding[] = [];
  if (raw.rowCount === 0) {
    findings.push({
      code: 'EMPTY_DATASET',
      path: '',
      severity: 'fatal',
      message:
        raw.columns.length === 0
          ? 'the file is empty: no header and no rows'
          : 'the file has a header but no data rows',
      value: 0,
      threshold: 1,
    });
  }
  for (const column of absentColumns) {
    if (column === schema.target && !requireTarget) continue;
    const role =
      column === schema.target ? 'target' : schema.numeric.includes(column) ? 'numeric' : 'categorical';
    findings.push({
      code: 'MISSING_COLUMN',
      path: column,
      severity: 'fatal',
      message: `required ${role} column '${column}' is not in the file (setting ${SETTING_OF[role]}; the file's columns: ${raw.columns.map((c) => c.name).join(', ') || 'none'})`,
      details: { role, setting: SETTING_OF[role], columns: raw.columns.map((c) => c.name) },
    });
  }
  findings.push(...numericFindings(numericProblems, raw.positionKind));
  const target = frame.get(schema.target);
  let labels: Uint8Array | undefined;
  let labelSummary: LabelSummary | undefined;
  if (target?.kind === 'categorical') {
    const checked = targetFindings(target, schema, raw);
    findings.push(...checked.findings);
    labelSummary = checked.labels;
    labels = deriveLabels(target, schema.negativeValue);
  }
  const duplicates = findDuplicateRows(frame);
  if (duplicates.count > 0) {
    const examples = duplicates.examples.map((d) => ({ position: raw.position(d.row), text: '' }));
    findings.push({
      code: 'DUPLICATE_ROWS',
      path: '',
      severity: 'warning',
      message: `${duplicates.count} row${duplicates.count === 1 ? ' repeats' : 's repeat'} an earlier row in every column: ${formatExamples(examples, raw.positionKind, false)}${duplicates.count > examples.length ? ', …' : ''}`,
      value: duplicates.count,
      details: {
        examples: duplicates.examples.map((d) => ({
          [raw.positionKind]: raw.position(d.row),
          repeats: raw.position(d.firstRow),
        })),
      },
    });
  }
  const missing: Record<string, number> = {};
  for (const column of frame.columns) {
    const count = countMissing(column);
    missing[column.name] = count;
    if (count === 0) continue;
    const rate = count / frame.rowCount;
    findings.push({
      code: 'MISSING_VALUES',
      path: column.name,
      severity: 'info',
      message: `${(rate * 100).toFixed(1)}% missing in ${column.name} (${count} of ${frame.rowCount} rows)`,
      value: rate,
      details: { missing: count, rows: frame.rowCount },
    });
  }
  const summary: DatasetSummary = {
    rows: frame.rowCount,
    columns: frame.columns.length,
    columnNames: frame.names,
    missing,
    ...(labelSummary ? { labels: labelSummary } : {}),
  };
  return { frame, ...(labels ? { labels } : {}), findings, summary, ok: !hasFatal(findings) };
}
