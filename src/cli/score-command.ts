import { isAbsolute, resolve } from 'node:path';
import { Command } from 'commander';
import { openArtifactStore } from '../adapters/artifacts/index.js';
import { readTable } from '../adapters/data/read-table.js';
import { writeTableWithColumns } from '../adapters/data/write-table.js';
import { openSqlDatabase } from '../adapters/sql/open-sql-database.js';
import { SqlModelRegistry } from '../adapters/sql/sql-model-registry.js';
import { createPredictPool } from '../adapters/threads/predict-pool.js';
import { artifactRootOf, databaseUrlOf } from '../config/index.js';
import { encodeRawColumn, type RawTable } from '../core/dataset/index.js';
import { AmlopsError } from '../core/errors/index.js';
import { columnarInput } from '../core/scoring/columnar-input.js';
import { parseModelRef } from '../core/scoring/parse-model-ref.js';
import { validateScoringInput } from '../core/scoring/validate-scoring-input.js';
import { loadModelVersion, resolveModelVersion } from '../services/load-model-version.js';
import type { CliContext } from './cli-context.js';

/** Files with at least this many rows are scored on a pool of worker threads (one per core). */
const POOL_FROM_ROWS = 100_000;

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
      const artifactRoot = artifactRootOf(config, cwd);
      const openArtifacts = (uri: string) => openArtifactStore(uri);
      const database = await openSqlDatabase(databaseUrlOf(config, cwd));
      const registry = await SqlModelRegistry.open(database, { artifactRoot, openArtifacts });
      await database.close();
      let model: Awaited<ReturnType<typeof loadModelVersion>>;
      try {
        const ref = parseModelRef(flags.model ?? config['model.name']);
        model = await loadModelVersion(
          { registry, openArtifacts },
          await resolveModelVersion(registry, ref),
          ref.alias,
        );
      } finally {
        await registry.close();
      }
      const at = (file: string) =>
        isAbsolute(file) || /^[a-z][a-z0-9+.-]+:\/\//i.test(file) ? file : resolve(cwd, file);
      const table = await readTable(at(flags.input));
      const { scorer } = model;
      // Named against the file's own columns (the input below keeps only the model's).
      const columns = new Set(table.columns.map((c) => c.name));
      const required = [...scorer.contract.numeric, ...scorer.contract.categorical.map((c) => c.column)];
      const absent = required.filter((name) => !columns.has(name));
      if (absent.length > 0)
        throw new AmlopsError(
          'SCORING_COLUMN_MISSING',
          `${flags.input} has no column ${absent.join(', ')} (the model reads ${required.join(', ')}); its columns are ${[...columns].join(', ')}`,
          { missing: absent, required, present: [...columns] },
        );
      const input = validateScoringInput(
        tableInput(table, scorer.contract.numeric, scorer.contract.known),
        scorer.contract,
        Number.MAX_SAFE_INTEGER,
      );
      const scores = new Float64Array(input.rowCount);
      const scoring = performance.now();
      if (input.rowCount >= POOL_FROM_ROWS) {
        // Large files are scored on every core; the same scores as on this thread, bit for bit.
        const pool = await createPredictPool(scorer.packed);
        try {
          await pool.predictProbability(scorer.featureMatrix(input), scores);
        } finally {
          await pool.close();
        }
      } else scorer.score(input, scores);
      const scoringSeconds = (performance.now() - scoring) / 1000;
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

/**
 * The model's columns of a file as scoring input: numbers as numbers where they read as such, else
 * their text. Other columns are only carried to the output, so they are not read here.
 */
function tableInput(table: RawTable, numeric: readonly string[], known: ReadonlySet<string>) {
  return columnarInput(
    table.columns
      .filter((column) => known.has(column.name))
      .map((column) => {
        const values = new Array<unknown>(table.rowCount);
        if (numeric.includes(column.name))
          for (let r = 0; r < table.rowCount; r++) {
            const v = column.number(r);
            values[r] = Number.isNaN(v) ? column.text(r) : v;
          }
        else {
          // One string per distinct label, not per row.
          const { codes, values: labels } = encodeRawColumn(column);
          for (let r = 0; r < table.rowCount; r++) values[r] = codes[r]! < 0 ? '' : labels[codes[r]!];
        }
        return [column.name, values] as const;
      }),
  );
}
