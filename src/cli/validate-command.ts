import { isAbsolute, resolve } from 'node:path';
import { Command } from 'commander';
import { readTable } from '../adapters/data/read-table.js';
import type { DatasetValidation } from '../core/dataset/index.js';
import type { Finding } from '../core/findings/index.js';
import { dataInvalidError } from '../services/data-invalid-error.js';
import { datasetSchemaFromConfig } from '../services/dataset-schema-from-config.js';
import { validateDatasetFile } from '../services/validate-dataset-file.js';
import type { CliContext } from './cli-context.js';

interface ValidateOptions {
  readonly data: string;
  readonly unlabeled?: boolean;
}

/**
 * `amlops validate --data FILE [--json]`: reads a data file, checks it against the data contract
 * of the configuration, prints every finding and a summary, and fails with DATA_INVALID (exit 65)
 * when a finding is fatal.
 */
export function validateCommand(context: CliContext): Command {
  return new Command('validate')
    .description(
      'check a data file against the data contract; exits 65 (DATA_INVALID) when a finding is fatal. CSV and JSON Lines findings name lines of the file (the CSV header is line 1), Parquet findings rows (the first is row 1)',
    )
    .requiredOption('--data <file>', 'data file: .csv, .csv.gz, .parquet, .jsonl or .ndjson')
    .option('--unlabeled', 'the file is data to score: the target column is not required')
    .option('--json', 'print {ok, rows, columns, labels, findings, ...} as JSON')
    .action(async (options: ValidateOptions, command: Command) => {
      const { config } = context.config(command);
      const source =
        /^[a-z][a-z0-9+.-]+:\/\//i.test(options.data) || isAbsolute(options.data)
          ? options.data
          : resolve(context.io.cwd, options.data);
      const result = await validateDatasetFile({ readTable }, source, datasetSchemaFromConfig(config), {
        requireTarget: !options.unlabeled,
      });
      context.print(command, validationReport(options.data, result), () =>
        renderValidation(options.data, result),
      );
      if (!result.ok) throw dataInvalidError(options.data, result.findings);
    });
}

/** The `--json` shape of a validation. */
function validationReport(file: string, result: DatasetValidation): Record<string, unknown> {
  const { summary } = result;
  return {
    ok: result.ok,
    file,
    rows: summary.rows,
    columns: summary.columns,
    columnNames: summary.columnNames,
    labels: summary.labels ?? null,
    missing: summary.missing,
    findings: result.findings,
  };
}

function renderValidation(file: string, result: DatasetValidation): string {
  const lines = result.findings.map(renderFinding);
  const { summary } = result;
  const count = (severity: Finding['severity']): number =>
    result.findings.filter((f) => f.severity === severity).length;
  const labels = summary.labels
    ? `labels ${summary.labels.negative} negative / ${summary.labels.positive} positive (${(summary.labels.positiveRate * 100).toFixed(1)}% positive${summary.labels.missing ? `, ${summary.labels.missing} missing` : ''})`
    : 'no target column';
  const verdict = result.ok ? 'ok' : 'INVALID';
  lines.push(
    `${verdict}: ${file}: ${summary.rows} rows, ${summary.columns} columns, ${labels}; ${count('fatal')} fatal, ${count('warning')} warning, ${count('info')} info`,
  );
  return lines.join('\n');
}

function renderFinding(finding: Finding): string {
  return `${finding.severity.padEnd(7)}  ${finding.path || '(dataset)'}: ${finding.message} [${finding.code}]`;
}
