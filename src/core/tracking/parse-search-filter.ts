import { SearchCursor } from './search-cursor.js';
import type { FilterComparison, FilterOperator, SearchFilter } from './search-filter.js';
import type { SearchSchema, TermRule } from './search-schema.js';
import { tokenizeSearch } from './tokenize-search.js';

/**
 * Parses an MLflow search filter into its terms, checking every identifier, operator and value
 * against the schema. Anything else (OR, sub-queries, `;`, comments, unknown attributes, a string
 * compared to a metric) is refused with AmlopsError `USAGE`: nothing of the text reaches SQL but
 * bound values.
 *
 * @example
 * parseSearchFilter("metrics.auc > 0.8 and params.p = 'a' and tags.t LIKE '%x%'", RUN_SEARCH_SCHEMA).terms.length; // 3
 */
export function parseSearchFilter(text: string | undefined, schema: SearchSchema): SearchFilter {
  if (text === undefined || text.trim() === '') return { terms: [] };
  const cursor = new SearchCursor(text, tokenizeSearch(text), schema);
  const terms: FilterComparison[] = [];
  do {
    terms.push(comparison(cursor));
  } while (cursor.keyword('AND'));
  if (!cursor.done()) cursor.fail('expected AND between terms (only AND is supported)');
  return { terms };
}

function ruleOf(schema: SearchSchema, entity: FilterComparison['entity'], key: string): TermRule {
  return entity === 'attribute' ? schema.attributes[key]! : schema[entity]!;
}

function operator(cursor: SearchCursor): FilterOperator {
  const token = cursor.next();
  if (token?.kind === 'op') return token.text as FilterOperator;
  if (token?.kind === 'word') {
    const word = token.text.toUpperCase();
    if (word === 'LIKE' || word === 'ILIKE' || word === 'IN') return word;
    if (word === 'NOT' && cursor.keyword('IN')) return 'NOT IN';
  }
  cursor.fail('expected a comparison operator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN)', token);
}

function comparison(cursor: SearchCursor): FilterComparison {
  const { entity, key } = cursor.identifier();
  const opToken = cursor.peek();
  const op = operator(cursor);
  const rule = ruleOf(cursor.schema, entity, key);
  const label = entity === 'attribute' ? `attribute '${key}'` : `${entity} '${key}'`;
  if (!rule.ops.includes(op)) cursor.fail(`operator ${op} is not allowed for ${label}`, opToken);
  const valueToken = cursor.next();
  if (op === 'IN' || op === 'NOT IN') {
    if (valueToken?.kind !== 'punct' || valueToken.text !== '(')
      cursor.fail('expected ( after IN', valueToken);
    const values: string[] = [];
    for (;;) {
      const item = cursor.next();
      if (item?.kind !== 'quoted' || item.quote === '`')
        cursor.fail('expected a quoted string in the IN list', item);
      values.push(item.text);
      const sep = cursor.next();
      if (sep?.kind === 'punct' && sep.text === ')') break;
      if (sep?.kind !== 'punct' || sep.text !== ',') cursor.fail("expected ',' or ')' in the IN list", sep);
    }
    return { entity, key, op, value: values };
  }
  if (rule.valueKind === 'number') {
    if (valueToken?.kind !== 'number') cursor.fail(`${label} must be compared with a number`, valueToken);
    return { entity, key, op: op as '=' | '!=' | '>' | '>=' | '<' | '<=', value: valueToken.value };
  }
  if (valueToken?.kind !== 'quoted' || valueToken.quote === '`')
    cursor.fail(`${label} must be compared with a quoted string`, valueToken);
  return { entity, key, op: op as '=' | '!=' | 'LIKE' | 'ILIKE', value: valueToken.text };
}
