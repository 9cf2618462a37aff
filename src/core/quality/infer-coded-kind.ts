/** Most distinct values a column not declared in the configuration may have and still be tested as categorical. */
export const MAX_INFERRED_CATEGORIES = 1000;

/**
 * Whether a column the configuration does not declare is categorical (drift-tested, e.g. a date or
 * a channel) or text (statistics only, e.g. an id): categorical when it has at most
 * `MAX_INFERRED_CATEGORIES` distinct values and they repeat (at most half as many as rows).
 *
 * @example
 * inferCodedKind(3, 1000); // 'categorical'
 * inferCodedKind(1000, 1000); // 'text'
 */
export function inferCodedKind(distinct: number, rows: number): 'categorical' | 'text' {
  return distinct <= MAX_INFERRED_CATEGORIES && distinct * 2 <= rows ? 'categorical' : 'text';
}
