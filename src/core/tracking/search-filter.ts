/** What a filter term is about: a metric, a param, a tag or an attribute of the entity itself. */
export type FilterEntity = 'metric' | 'param' | 'tag' | 'attribute';

/** The comparison operators a filter may use; each schema allows a subset per kind of term. */
export type FilterOperator = '=' | '!=' | '>' | '>=' | '<' | '<=' | 'LIKE' | 'ILIKE' | 'IN' | 'NOT IN';

/** One term: `metrics.roc_auc > 0.8`, `tags.team LIKE 'risk%'`, `attributes.run_id IN ('a', 'b')`. */
export type FilterComparison =
  | {
      readonly entity: FilterEntity;
      readonly key: string;
      readonly op: '=' | '!=' | '>' | '>=' | '<' | '<=';
      readonly value: number;
    }
  | {
      readonly entity: FilterEntity;
      readonly key: string;
      readonly op: '=' | '!=' | 'LIKE' | 'ILIKE';
      readonly value: string;
    }
  | {
      readonly entity: FilterEntity;
      readonly key: string;
      readonly op: 'IN' | 'NOT IN';
      readonly value: readonly string[];
    };

/**
 * A parsed search filter: the conjunction of its terms (MLflow's filter language has only AND).
 * Stores translate it with bound parameters; it is never concatenated into SQL.
 *
 * @example
 * const filter: SearchFilter = { terms: [{ entity: 'metric', key: 'roc_auc', op: '>', value: 0.8 }] };
 */
export interface SearchFilter {
  readonly terms: readonly FilterComparison[];
}
