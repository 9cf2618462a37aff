import { categoryFolding } from '../features/category-folding.js';
import type { ModelBundle } from '../model/model-bundle.js';

/** A categorical input: its categories seen in training and, when the model folds them, their folded forms. */
export interface CategoricalInput {
  readonly column: string;
  readonly known: ReadonlySet<string>;
  /** Folded spelling → category (`'high'` → `'HIGH'`), when the model trims and case-folds. */
  readonly folding?: ReadonlyMap<string, string>;
}

/** What a request must carry for one model, prepared once per loaded model. */
export interface ScoringContract {
  readonly numeric: readonly string[];
  readonly categorical: readonly CategoricalInput[];
  readonly idColumn: string | undefined;
  /** Every column the model reads (numeric, categorical and the id), for spotting extra columns. */
  readonly known: ReadonlySet<string>;
}

/**
 * The input contract of a bundle: its input columns and the categories seen in training.
 *
 * @example
 * const contract = scoringContract(bundle);
 * contract.categorical[0].known.has('HIGH'); // true
 */
export function scoringContract(bundle: Pick<ModelBundle, 'inputSchema' | 'features'>): ScoringContract {
  const { inputSchema, features } = bundle;
  const encodings = new Map(features.categorical.map((c) => [c.column, c]));
  return {
    numeric: inputSchema.numeric,
    categorical: inputSchema.categorical.map((column) => {
      const encoding = encodings.get(column);
      return {
        column,
        known: new Set(encoding?.categories ?? []),
        ...(encoding?.fold ? { folding: categoryFolding(encoding.categories) } : {}),
      };
    }),
    idColumn: inputSchema.idColumn,
    known: new Set([
      ...inputSchema.numeric,
      ...inputSchema.categorical,
      ...(inputSchema.idColumn === undefined ? [] : [inputSchema.idColumn]),
    ]),
  };
}
