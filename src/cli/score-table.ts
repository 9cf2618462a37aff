import { createPredictPool } from '../adapters/threads/predict-pool.js';
import { encodeRawColumn, type RawTable } from '../core/dataset/index.js';
import { AmlopsError } from '../core/errors/index.js';
import { columnarInput } from '../core/scoring/columnar-input.js';
import type { ModelScorer } from '../core/scoring/index.js';
import { validateScoringInput } from '../core/scoring/validate-scoring-input.js';
import type { ValidatedInput } from '../core/scoring/validated-input.js';

/** Files with at least this many rows are scored on a pool of worker threads (one per core). */
const POOL_FROM_ROWS = 100_000;

/** A file's cases as the model read them, their scores, and how long the scoring itself took. */
export interface ScoredTable {
  readonly input: ValidatedInput;
  readonly scores: Float64Array;
  readonly scoringSeconds: number;
}

/**
 * Scores every row of a table with a model, under the API's bad-input rules: a column the model
 * reads that the file lacks is SCORING_COLUMN_MISSING naming the file's columns; a bad value fails
 * naming its column and row. Large files are scored on every core, with the same scores bit for bit.
 *
 * @example
 * const { scores, input } = await scoreTable(model.scorer, await readTable(path), 'cases.csv');
 */
export async function scoreTable(scorer: ModelScorer, table: RawTable, file: string): Promise<ScoredTable> {
  // Named against the file's own columns (the input below keeps only the model's).
  const columns = new Set(table.columns.map((c) => c.name));
  const required = [...scorer.contract.numeric, ...scorer.contract.categorical.map((c) => c.column)];
  const absent = required.filter((name) => !columns.has(name));
  if (absent.length > 0)
    throw new AmlopsError(
      'SCORING_COLUMN_MISSING',
      `${file} has no column ${absent.join(', ')} (the model reads ${required.join(', ')}); its columns are ${[...columns].join(', ')}`,
      { missing: absent, required, present: [...columns] },
    );
  const input = validateScoringInput(
    tableInput(table, scorer.contract.numeric, scorer.contract.known),
    scorer.contract,
    Number.MAX_SAFE_INTEGER,
  );
  const scores = new Float64Array(input.rowCount);
  const started = performance.now();
  if (input.rowCount >= POOL_FROM_ROWS) {
    const pool = await createPredictPool(scorer.packed);
    try {
      await pool.predictProbability(scorer.featureMatrix(input), scores);
    } finally {
      await pool.close();
    }
  } else scorer.score(input, scores);
  return { input, scores, scoringSeconds: (performance.now() - started) / 1000 };
}

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
