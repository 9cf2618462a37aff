import { type Kysely, sql } from 'kysely';
import type { ScoredCase } from '../../ports/audit-log.js';
import { type AuditPartRecord, casesOfPart, subjectsOfPart } from './audit-part-cases.js';
import { partsOfCases } from './audit-parts-of-cases.js';
import type { AuditTables } from './audit-tables.js';
import type { Database } from './database.js';
import type { SqlFlavor } from './sql-flavor.js';

type Db = Kysely<Database & AuditTables>;

/** Request ids per `in (…)` list. */
const CHUNK = 500;

/**
 * The parts of a larger size (several cases) that may name `subject`: a scan of those parts whose
 * `case_ids` text holds the subject as JSON writes it, which the caller checks element by element.
 */
function severalCasesNaming(db: Db, flavor: SqlFlavor, subject: string) {
  return db
    .selectFrom('audit_parts')
    .selectAll()
    .where('case_ids', 'is not', null)
    .where(flavor.holdsText(sql.ref('case_ids'), JSON.stringify(subject)));
}

/**
 * Every part holding a case of `subject`: the parts of one case through the `case_id` index, the
 * larger ones through a scan of their subjects' text (checked exactly), in no order.
 *
 * @example
 * const parts = await subjectParts(db, sqliteFlavor, 'user-42');
 */
export async function subjectParts(db: Db, flavor: SqlFlavor, subject: string): Promise<AuditPartRecord[]> {
  const single = await db.selectFrom('audit_parts').selectAll().where('case_id', '=', subject).execute();
  const several = await severalCasesNaming(db, flavor, subject).execute();
  return [...single, ...several.filter((part) => subjectsOfPart(part).includes(subject))];
}

/**
 * The newest part holding a case of `subject` (by id: its latest scoring), undefined when none:
 * its newest part of one case through the `case_id` index, then the larger parts (and rows of
 * several requests) newer than that which name it, newest first, checked exactly until one does.
 *
 * @example
 * const part = await latestSubjectPart(db, sqliteFlavor, 'user-42');
 */
export async function latestSubjectPart(
  db: Db,
  flavor: SqlFlavor,
  subject: string,
): Promise<AuditPartRecord | undefined> {
  const single = await db
    .selectFrom('audit_parts')
    .selectAll()
    .where('case_id', '=', subject)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  let several = severalCasesNaming(db, flavor, subject);
  if (single) several = several.where('id', '>', single.id);
  // One row at a time, newest first: the scan stops at the newest row naming the subject (a
  // subject concluded on was most often scored lately), not at the end of the audit log.
  for (let below: number | undefined; ; ) {
    const part = await (below === undefined ? several : several.where('id', '<', below))
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!part) return single;
    if (subjectsOfPart(part).includes(subject)) return part;
    below = Number(part.id);
  }
}

/**
 * The scored cases of `subject` among `parts`, oldest first (by time, then part, then row).
 *
 * @example
 * subjectCases(await subjectParts(db, flavor, 'user-42'), 'user-42');
 */
export function subjectCases(parts: readonly AuditPartRecord[], subject: string): ScoredCase[] {
  const ordered = [...parts].sort(
    (a, b) => Number(a.scored_at) - Number(b.scored_at) || Number(a.id) - Number(b.id),
  );
  return ordered.flatMap((part) => casesOfPart(part).filter((c) => c.caseId === subject));
}

/**
 * The ids of the conclusions about a subject: those naming it by id, and those naming a case of it
 * by request id and row (`cases`, its scored cases).
 *
 * @example
 * const ids = await subjectFeedbackIds(db, 'user-42', cases);
 */
export async function subjectFeedbackIds(
  db: Db,
  subject: string,
  cases: readonly ScoredCase[],
): Promise<number[]> {
  const named = await db.selectFrom('audit_feedback').select('id').where('case_id', '=', subject).execute();
  const ids = new Set(named.map((r) => Number(r.id)));
  const positions = new Set(cases.map((c) => `${c.row}\u0000${c.requestId}`));
  const requests = [...new Set(cases.map((c) => c.requestId))];
  for (let at = 0; at < requests.length; at += CHUNK) {
    const rows = await db
      .selectFrom('audit_feedback')
      .select(['id', 'request_id', 'row_index'])
      .where('request_id', 'in', requests.slice(at, at + CHUNK))
      .execute();
    for (const r of rows) if (positions.has(`${r.row_index}\u0000${r.request_id}`)) ids.add(Number(r.id));
  }
  return [...ids].sort((a, b) => a - b);
}

/**
 * Deletes the scored cases of `subject`: its parts of one case, and its cases in larger parts, each
 * such part replaced by the runs of its other cases (new parts with the rows they had); returns
 * how many cases went.
 *
 * @example
 * const erased = await eraseSubjectCases(trx, flavor, 'user-42');
 */
export async function eraseSubjectCases(db: Db, flavor: SqlFlavor, subject: string): Promise<number> {
  const single = await db.deleteFrom('audit_parts').where('case_id', '=', subject).executeTakeFirst();
  let erased = Number(single.numDeletedRows);
  const several = await severalCasesNaming(db, flavor, subject).execute();
  for (const part of several) {
    const cases = casesOfPart(part);
    const kept = cases.filter((c) => c.caseId !== subject);
    if (kept.length === cases.length) continue;
    erased += cases.length - kept.length;
    await db.deleteFrom('audit_parts').where('id', '=', part.id).execute();
    const rows = partsOfCases(kept);
    if (rows.length > 0) await db.insertInto('audit_parts').values(rows).execute();
  }
  return erased;
}
