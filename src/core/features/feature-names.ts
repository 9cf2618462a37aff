import type { DomainState, OneHotState } from './feature-pipeline-state.js';

/**
 * The output columns of a pipeline, sorted as scikit-learn's DictVectorizer sorts them: numeric
 * columns by name, one-hot columns as `column=value`, derived features by name.
 *
 * @example
 * featureNames(['total_income_dollar_amount'], [{ column: 'risk_pld', categories: ['HIGH', 'LOW'], impute: 'LOW' }], null);
 * // ['risk_pld=HIGH', 'risk_pld=LOW', 'total_income_dollar_amount']
 */
export function featureNames(
  numeric: readonly string[],
  categorical: readonly OneHotState[],
  domain: DomainState | null,
): string[] {
  return [
    ...numeric,
    ...categorical.flatMap((c) => c.categories.map((category) => oneHotName(c.column, category))),
    ...(domain?.features ?? []),
  ].sort();
}

/** The output column of one category: `risk_pld=HIGH`. */
export function oneHotName(column: string, category: string): string {
  return `${column}=${category}`;
}
