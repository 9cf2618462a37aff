import type { Finding } from '../findings/index.js';
import type { DatasetSchema } from './dataset-schema.js';
import { deriveLabels } from './derive-labels.js';
import { encodeRawColumn } from './encode-raw-column.js';
import type { LabelSummary } from './label-summary.js';
import type { RawTable } from './raw-table.js';
import { targetFindings } from './target-findings.js';

/** The labels of a file's rows, or the findings that say why it has none. */
export interface TableLabels {
  /** 0/1 per row; absent when the target column is. */
  readonly labels?: Uint8Array;
  readonly summary?: LabelSummary;
  readonly findings: Finding[];
}

/**
 * Reads only the conclusion column of a file into labels, under training's rules: the column
 * absent, rows without a conclusion and a single class are fatal findings; conclusions neither
 * negative nor known positive are counted as label 1, with a warning.
 *
 * @example
 * const { labels, findings } = tableLabels(table, schema);
 */
export function tableLabels(
  raw: RawTable,
  schema: Pick<DatasetSchema, 'target' | 'negativeValue' | 'positiveValues'>,
): TableLabels {
  const column = raw.columns.find((c) => c.name === schema.target);
  if (!column)
    return {
      findings: [
        {
          code: 'MISSING_COLUMN',
          path: schema.target,
          severity: 'fatal',
          message: `required target column '${schema.target}' is not in the file (setting data.targetColumn; the file's columns: ${raw.columns.map((c) => c.name).join(', ') || 'none'})`,
          details: { role: 'target', setting: 'data.targetColumn', columns: raw.columns.map((c) => c.name) },
        },
      ],
    };
  const { codes, values } = encodeRawColumn(column);
  const target = { kind: 'categorical' as const, name: schema.target, codes, categories: values };
  const checked = targetFindings(target, schema, raw);
  return {
    labels: deriveLabels(target, schema.negativeValue),
    summary: checked.labels,
    findings: checked.findings,
  };
}
