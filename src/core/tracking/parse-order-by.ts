import type { OrderBy } from './order-by.js';
import { SearchCursor } from './search-cursor.js';
import type { SearchSchema } from './search-schema.js';
import { tokenizeSearch } from './tokenize-search.js';

/**
 * Parses MLflow `order_by` clauses (`metrics.auc DESC`, `attributes.start_time`, `name ASC`).
 *
 * @example
 * parseOrderBy(['metrics.auc DESC'], RUN_SEARCH_SCHEMA); // [{ entity: 'metric', key: 'auc', ascending: false }]
 */
export function parseOrderBy(clauses: readonly string[] | undefined, schema: SearchSchema): OrderBy[] {
  return (clauses ?? []).map((text) => {
    const cursor = new SearchCursor(text, tokenizeSearch(text), schema);
    const { entity, key } = cursor.identifier();
    let ascending = true;
    if (cursor.keyword('DESC')) ascending = false;
    else cursor.keyword('ASC');
    if (!cursor.done()) cursor.fail('expected ASC or DESC after the identifier, and nothing more');
    return { entity, key, ascending };
  });
}
