import { type RawBuilder, sql } from 'kysely';
import { AmlopsError } from '../../core/errors/index.js';
import type { FilterComparison, OrderBy, SearchFilter } from '../../core/tracking/index.js';
import type { SearchTarget } from './search-target.js';

// The only operator text that ever reaches SQL, looked up from the parsed operator.
const COMPARISONS: Readonly<Record<string, string>> = {
  '=': '=',
  '!=': '<>',
  '>': '>',
  '>=': '>=',
  '<': '<',
  '<=': '<=',
};

function predicate(term: FilterComparison): (ref: RawBuilder<unknown>) => RawBuilder<unknown> {
  const { op, value } = term;
  if (op === 'IN' || op === 'NOT IN') {
    if (!Array.isArray(value) || value.length === 0)
      throw new AmlopsError('USAGE', `${op} needs a non-empty list`);
    const list = sql.join(value.map((v) => sql`${String(v)}`));
    return op === 'IN' ? (ref) => sql`${ref} in (${list})` : (ref) => sql`${ref} not in (${list})`;
  }
  if (op === 'LIKE') return (ref) => sql`${ref} like ${String(value)}`;
  if (op === 'ILIKE') return (ref) => sql`lower(${ref}) like lower(${String(value)})`;
  const operator = COMPARISONS[op];
  if (operator === undefined) throw new AmlopsError('USAGE', 'unsupported comparison operator');
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new AmlopsError('USAGE', 'comparison with a non-finite number');
    return (ref) => sql`${ref} ${sql.raw(operator)} cast(${value} as double precision)`;
  }
  return (ref) => sql`${ref} ${sql.raw(operator)} ${String(value)}`;
}

/**
 * The SQL condition of a parsed filter over `target`, with every value bound; `true` for no terms.
 *
 * @example
 * query.where(filterSql(runSearchTarget, parseSearchFilter("params.p = 'a'", RUN_SEARCH_SCHEMA)));
 */
export function filterSql(target: SearchTarget, filter: SearchFilter | undefined): RawBuilder<boolean> {
  const terms = filter?.terms ?? [];
  if (terms.length === 0) return sql<boolean>`1 = 1`;
  return sql<boolean>`${sql.join(
    terms.map((term) => {
      const test = predicate(term);
      if (term.entity === 'attribute') {
        const column = target.attributes[term.key];
        if (!column) throw new AmlopsError('USAGE', `unknown ${target.subject} attribute '${term.key}'`);
        return sql`(${test(column)})`;
      }
      return target.exists(term.entity, term.key, test);
    }),
    sql` and `,
  )}`;
}

/**
 * ORDER BY items for parsed order-by clauses: rows without the value sort last in either direction.
 *
 * @example
 * orderSql(runSearchTarget, [{ entity: 'metric', key: 'auc', ascending: false }]);
 */
export function orderSql(target: SearchTarget, orderBy: readonly OrderBy[]): RawBuilder<unknown>[] {
  return orderBy.flatMap((order) => {
    let expression: RawBuilder<unknown>;
    if (order.entity === 'attribute') {
      const column = target.attributes[order.key];
      if (!column) throw new AmlopsError('USAGE', `cannot order ${target.subject} by '${order.key}'`);
      expression = column;
    } else {
      expression = target.value(order.entity, order.key);
    }
    const direction = sql.raw(order.ascending ? 'asc' : 'desc');
    return [sql`case when ${expression} is null then 1 else 0 end asc`, sql`${expression} ${direction}`];
  });
}
