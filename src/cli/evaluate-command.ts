import { writeFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { Command } from 'commander';
import { readTable } from '../adapters/data/read-table.js';
import { tableLabels } from '../core/dataset/index.js';
import { AmlopsError } from '../core/errors/index.js';
import { hasFatal } from '../core/findings/index.js';
import { dataInvalidError } from '../services/data-invalid-error.js';
import { datasetSchemaFromConfig } from '../services/dataset-schema-from-config.js';
import { evaluateModelVersion, type ModelEvaluation } from '../services/evaluate-model-version.js';
import type { CliContext } from './cli-context.js';
import { loginName } from './decision-maker.js';
import { loadCliModel } from './load-cli-model.js';
import { renderTable } from './render-table.js';
import { scoreTable } from './score-table.js';
import { withPlatformStores } from './with-platform-stores.js';

interface EvaluateFlags {
  readonly data: string;
  readonly model?: string;
  readonly output?: string;
  readonly record: boolean;
}

const f4 = (x: number | null | undefined): string => (typeof x === 'number' ? x.toFixed(4) : '-');

/**
 * `amlops evaluate --data FILE [--model NAME@ALIAS|NAME/VERSION] [--output FILE] [--no-record]
 * [--json]`: scores a labelled file with a registered version (the production alias of
 * `model.name` by default) and reports what training reports for its test split (ROC AUC with its
 * 95% interval, PR AUC, KS, log loss, Brier, calibration, precision and recall at the version's
 * threshold), recorded as a tracking run with the report as its artifact `evaluation.json`.
 */
export function evaluateCommand(context: CliContext): Command {
  return new Command('evaluate')
    .description('measure a registered version on a labelled file, as training measures its test split')
    .requiredOption(
      '--data <file>',
      'labelled cases: .csv, .csv.gz, .parquet, .jsonl or .ndjson, with the target column',
    )
    .option('--model <ref>', 'NAME, NAME@ALIAS or NAME/VERSION (default: the production alias of model.name)')
    .option('--output <file>', 'also write the report as JSON to this file')
    .option('--no-record', 'do not record a tracking run')
    .option('--json', 'print the report as JSON')
    .action(async (flags: EvaluateFlags, command: Command) => {
      const { config } = context.config(command);
      const cwd = context.io.cwd;
      const at = (file: string) =>
        isAbsolute(file) || /^[a-z][a-z0-9+.-]+:\/\//i.test(file) ? file : resolve(cwd, file);
      const [model, table] = await Promise.all([
        loadCliModel(config, cwd, flags.model),
        readTable(at(flags.data)),
      ]);
      const labelled = tableLabels(table, datasetSchemaFromConfig(config));
      if (!labelled.labels || hasFatal(labelled.findings)) {
        const fatal = labelled.findings.filter((finding) => finding.severity === 'fatal');
        const error = dataInvalidError(flags.data, fatal);
        throw new AmlopsError(
          'DATA_INVALID',
          `${error.message} — ${fatal.map((finding) => finding.message).join('; ')}`,
          error.details,
        );
      }
      const { scores, input } = await scoreTable(model.scorer, table, flags.data);
      const user = loginName(context.io);
      const report = await withPlatformStores(context, command, (stores) =>
        evaluateModelVersion(
          { tracking: stores.tracking, artifacts: stores.artifacts, now: Date.now },
          {
            model,
            data: flags.data,
            labels: labelled.labels!,
            scores,
            ...(user ? { user } : {}),
            record: flags.record,
          },
        ),
      );
      if (flags.output) await writeFile(at(flags.output), `${JSON.stringify(report, null, 2)}\n`);
      const warnings = [
        ...labelled.findings
          .filter((finding) => finding.severity === 'warning')
          .map((finding) => finding.message),
        ...input.warnings.filter((w) => w.code !== 'EXTRA_COLUMN').map((w) => w.message),
      ];
      context.print(command, { ...report, warnings }, () => renderEvaluation(report, warnings, flags.output));
    });
}

function renderEvaluation(
  report: ModelEvaluation,
  warnings: readonly string[],
  output: string | undefined,
): string {
  const e = report.evaluation;
  const interval = e.rocAucInterval
    ? ` (95% interval ${f4(e.rocAucInterval.lower)} to ${f4(e.rocAucInterval.upper)})`
    : '';
  const c = e.confusion;
  return [
    ...warnings.map((w) => `warning: ${w}`),
    `${report.model.name} version ${report.model.version} on ${report.data}: ${e.rows} cases, ${e.positives} positive`,
    renderTable(
      ['MEASURE', 'VALUE'],
      [
        ['ROC AUC', `${f4(e.rocAuc)}${interval}`],
        ['PR AUC', f4(e.prAuc)],
        ['KS', f4(e.ks.statistic)],
        ['log loss', f4(e.logLoss)],
        ['Brier', f4(e.brier)],
        [
          `at threshold ${f4(report.threshold.value)} (${report.threshold.source === 'training' ? "the version's training" : "this file's positive rate"})`,
          `precision ${f4(c.precision)}, recall ${f4(c.recall)}, alert rate ${f4(c.alertRate)}`,
        ],
      ],
    ),
    'calibration:',
    renderTable(
      ['SCORES', 'CASES', 'MEAN SCORE', 'POSITIVE RATE'],
      e.calibration.map((bin) => [
        `${f4(bin.lower)}-${f4(bin.upper)}`,
        String(bin.count),
        f4(bin.meanPredicted),
        f4(bin.observedRate),
      ]),
    ),
    ...(report.runId ? [`recorded as run ${report.runId}`] : []),
    ...(output ? [`report written to ${output}`] : []),
  ].join('\n');
}
