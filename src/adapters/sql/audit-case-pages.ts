import { type Kysely, sql } from 'kysely';
import { AmlopsError } from '../../core/errors/index.js';
import type { ScoredCase, ScoredCaseQuery } from '../../ports/audit-log.js';
import type { Page } from '../../ports/page.js';
import { casesOfPart } from './audit-part-cases.js';
import { requestIdFloor } from './audit-request-group.js';
import type { AuditTables } from './audit-tables.js';
import type { Database } from './database.js';
import type { SqlFlavor } from './sql-flavor.js';

type Db = Kysely<Database & AuditTables>;

const DEFAULT_PAGE = 1000;
/** Most parts read per statement. */
const PARTS = 1000;

/** Where a page ended: the last case given, by its row's time and id and its place in the row. */
interface Position {
  readonly time: number;
  readonly id: number;
  /** The case's place in its audit row, from 0 (a request's row number for a part from row 0). */
  readonly row: number;
}

/**
 * A page of scored cases, newest first (by the time of scoring, then part, then row, from the
 * last): the parts that may hold matching cases are read newest first, a statement of up to 1000
 * at a time, and their cases picked (a case id in a larger part, and the score bounds, are checked
 * case by case). The page token is the position of the page's last case.
 *
 * @example
 * const page = await listScoredCases(db, flavor, { caseId: 'user-42', maxResults: 50 });
 */
export async function listScoredCases(
  db: Db,
  flavor: SqlFlavor,
  query: ScoredCaseQuery = {},
): Promise<Page<ScoredCase>> {
  const limit = query.maxResults ?? DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
    throw new AmlopsError('USAGE', `maxResults must be an integer from 1 to 100000; got ${limit}`);
  let q = db.selectFrom('audit_parts').selectAll();
  if (query.modelName !== undefined) q = q.where('model_name', '=', query.modelName);
  if (query.modelVersion !== undefined) q = q.where('model_version', '=', query.modelVersion);
  const request = query.requestId;
  // Its rows lie from the id's millisecond to the id (see `requestIdFloor`); its cases are checked one by one.
  if (request !== undefined)
    q = q.where('request_id', '>=', requestIdFloor(request)).where('request_id', '<=', request);
  if (query.clientRequestId !== undefined) q = q.where('client_request_id', '=', query.clientRequestId);
  const subject = query.caseId;
  if (subject !== undefined)
    q = q.where((eb) =>
      eb.or([
        eb('case_id', '=', subject),
        eb.and([
          eb('case_ids', 'is not', null),
          flavor.holdsText(sql.ref('case_ids'), JSON.stringify(subject)),
        ]),
      ]),
    );
  if (query.since !== undefined) q = q.where('scored_at', '>=', query.since);
  if (query.until !== undefined) q = q.where('scored_at', '<', query.until);
  const wanted = (c: ScoredCase) =>
    (subject === undefined || c.caseId === subject) &&
    (request === undefined || c.requestId === request) &&
    (query.minScore === undefined || c.score >= query.minScore) &&
    (query.maxScore === undefined || c.score <= query.maxScore);
  const items: ScoredCase[] = [];
  const positions: Position[] = [];
  let after = query.pageToken === undefined ? undefined : decodeToken(query.pageToken);
  for (;;) {
    const from = after;
    const parts = await (from === undefined
      ? q
      : q.where((eb) =>
          eb.or([
            eb('scored_at', '<', from.time),
            eb.and([eb('scored_at', '=', from.time), eb('id', '<=', from.id)]),
          ]),
        )
    )
      // Newest first by the time of scoring: records reach the store in batches, from several
      // workers' spools, not in the order they were scored.
      .orderBy('scored_at', 'desc')
      .orderBy('id', 'desc')
      .limit(PARTS)
      .execute();
    for (const part of parts) {
      const id = Number(part.id);
      const time = Number(part.scored_at);
      const cases = casesOfPart(part);
      for (let i = cases.length - 1; i >= 0 && items.length <= limit; i--) {
        const c = cases[i]!;
        if (from && id === from.id && time === from.time && i >= from.row) continue;
        if (!wanted(c)) continue;
        items.push(c);
        positions.push({ time, id, row: i });
      }
      if (items.length > limit) break;
      // Every case of this part is seen: the next statement starts below it.
      after = { time, id, row: 0 };
    }
    if (items.length > limit || parts.length < PARTS) break;
  }
  if (items.length <= limit) return { items };
  return { items: items.slice(0, limit), nextPageToken: encodeToken(positions[limit - 1]!) };
}

function encodeToken(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodeToken(token: string): Position {
  try {
    const { time, id, row } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<
      Record<keyof Position, unknown>
    >;
    if ([time, id, row].every((n) => typeof n === 'number' && Number.isInteger(n)))
      return { time, id, row } as Position;
  } catch {
    // fall through to the error below
  }
  throw new AmlopsError('USAGE', 'the page token is not one this audit log gave');
}
