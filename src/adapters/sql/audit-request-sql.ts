import { type RawBuilder, sql } from 'kysely';
import { REQUEST_STRIDE, REQUEST_TIME_CHARS } from './audit-request-group.js';
import type { SqlFlavor } from './sql-flavor.js';

/**
 * True where the audit row `part` (a table alias) holds the scored case `row` of request
 * `requestId` (SQL expressions, such as a conclusion's columns): the request index read from the
 * id's millisecond (`requestIdFloor`) to the id, then a request part by its rows, or a row of
 * several requests by its list (of the ids' tails: a row found in that range shares the id's
 * millisecond).
 *
 * @example
 * join.on(holdsScoredCase(flavor, 'p', sql.ref('f.request_id'), sql.ref('f.row_index')));
 */
export function holdsScoredCase(
  flavor: SqlFlavor,
  part: string,
  requestId: RawBuilder<unknown>,
  row: RawBuilder<unknown>,
): RawBuilder<boolean> {
  const p = (column: string) => sql.ref(`${part}.${column}`);
  return sql<boolean>`(${p('request_id')} >= substr(${requestId}, 1, ${sql.lit(REQUEST_TIME_CHARS)})
    and ${p('request_id')} <= ${requestId}
    and ((${p('requests')} is null and ${p('request_id')} = ${requestId}
        and ${p('first_row')} <= ${row} and ${row} < ${p('first_row')} + ${p('cases')})
      or (${p('requests')} is not null and ${row} = 0
        and ${flavor.textPosition(p('requests'), tailOf(requestId))} > 0)))`;
}

/**
 * The position (from 0) in the audit row `part` of the scored case `row` of request `requestId`,
 * for a row that holds it (`holdsScoredCase`): its element of the row's inputs and scores.
 *
 * @example
 * flavor.jsonListElement(sql.ref('p.scores'), caseInRow(flavor, 'p', sql.ref('f.request_id'), sql.ref('f.row_index')));
 */
export function caseInRow(
  flavor: SqlFlavor,
  part: string,
  requestId: RawBuilder<unknown>,
  row: RawBuilder<unknown>,
): RawBuilder<number> {
  const p = (column: string) => sql.ref(`${part}.${column}`);
  return sql<number>`(case when ${p('requests')} is null then ${row} - ${p('first_row')}
    else (${flavor.textPosition(p('requests'), tailOf(requestId))} - 1) / ${sql.lit(REQUEST_STRIDE)} end)`;
}

/** The characters of request id `requestId` after its millisecond, as `requests` lists them. */
function tailOf(requestId: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`substr(${requestId}, ${sql.lit(REQUEST_TIME_CHARS + 1)})`;
}
