import { isAbsolute, resolve } from 'node:path';
import { Command } from 'commander';
import { readTable } from '../adapters/data/read-table.js';
import { writeTableWithColumns } from '../adapters/data/write-table.js';
import type { CliContext } from './cli-context.js';
import { loadCliModel } from './load-cli-model.js';
import { scoreTable } from './score-table.js';

interface ScoreFlags {
  readonly input: string;
  readonly output: string;
  readonly model?: string;
  readonly explain?: boolean;
}

/**
 * `amlops score --input FILE --output FILE [--model NAME@ALIAS|NAME/VERSION] [--explain] [--json]`:
 * scores a CSV / Parquet / JSON Lines file with a registered model (the production alias of
 * `model.name` by default) and writes the input columns plus `prediction` (and `reasons`), under
 * the same bad-input rules as the API: a bad value fails the command naming its column and row.
 */
export function scoreCommand(context: CliContext): Command {
  return new Command('score')
    .description('score a data file with a registered model: the input columns plus prediction (and reasons)')
    .requiredOption('--input <file>', 'cases to score: .csv, .csv.gz, .parquet, .jsonl or .ndjson')
    .requiredOption(
      '--output <file>',
      'where to write them with their scores: .csv, .parquet, .jsonl or .ndjson',
    )
    .option('--model <ref>', 'NAME, NAME@ALIAS or NAME/VERSION (default: the production alias of model.name)')
    .option('--explain', "add a reasons column: each feature's contribution to the log-odds, largest first")
    .option('--json', 'print a summary as JSON')
    .action(async (flags: ScoreFlags, command: Command) => {
      const { config } = context.config(command);
      const started = performance.now();
      const cwd = context.io.cwd;
      const model = await loadCliModel(config, cwd, flags.model);
      const at = (file: string) =>
        isAbsolute(file) || /^[a-z][a-z0-9+.-]+:\/\//i.test(file) ? file : resolve(cwd, file);
      const table = await readTable(at(flags.input));
      const { scorer } = model;
      const { input, scores, scoringSeconds } = await scoreTable(scorer, table, flags.input);
      const extra = [{ kind: 'numeric' as const, name: 'prediction', values: scores }];
      const reasons = flags.explain
        ? Array.from({ length: input.rowCount }, (_, row) =>
            scorer
              .explain(input, row)
              .reasons.map((r) => r.text)
              .join('; '),
          )
        : undefined;
      await writeTableWithColumns(
        at(flags.output),
        table,
        reasons ? [...extra, { kind: 'text' as const, name: 'reasons', values: reasons }] : extra,
      );
      const seconds = (performance.now() - started) / 1000;
      const summary = {
        input: flags.input,
        output: flags.output,
        rows: input.rowCount,
        model: { name: model.name, version: model.version },
        // Columns the model does not read are carried to the output, not ignored: no warning for them.
        warnings: input.warnings.filter((w) => w.code !== 'EXTRA_COLUMN').map((w) => w.message),
        seconds: Math.round(seconds * 1000) / 1000,
        scoringRowsPerSecond: Math.round(input.rowCount / Math.max(scoringSeconds, 1e-9)),
      };
      context.print(command, summary, () =>
        [
          ...summary.warnings.map((w) => `warning: ${w}`),
          `scored ${summary.rows} rows of ${flags.input} with ${model.name}/${model.version} into ${flags.output} in ${summary.seconds}s (${summary.scoringRowsPerSecond} rows/s scoring)`,
        ].join('\n'),
      );
    });
}
