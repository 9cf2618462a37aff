import type { ModelBundle } from '../model/model-bundle.js';

/** What a request must carry for one model, prepared once per loaded model. */
export interface ScoringContract {
  readonly numeric: readonly string[];
  readonly categorical: readonly { readonly column: string; readonly known: ReadonlySet<string> }[];
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
  const categories = new Map(features.categorical.map((c) => [c.column, new Set(c.categories)]));
  return {
    numeric: inputSchema.numeric,
    categorical: inputSchema.categorical.map((column) => ({
      column,
      known: categories.get(column) ?? new Set<string>(),
    })),
    idColumn: inputSchema.idColumn,
    known: new Set([
      ...inputSchema.numeric,
      ...inputSchema.categorical,
      ...(inputSchema.idColumn === undefined ? [] : [inputSchema.idColumn]),
    ]),
  };
}
