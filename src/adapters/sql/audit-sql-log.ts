import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type {
  AuditLog,
  LabelledInputs,
  LabelledScore,
  LabelledScoreQuery,
  ScoredCase,
  ScoredCaseQuery,
  ScoredWindow,
  ScoredWindowQuery,
  SubjectErasure,
  SubjectRecords,
} from '../../ports/audit-log.js';
import type { CaseFeedback } from '../../ports/feedback-log.js';
import type { Page } from '../../ports/page.js';
import { listScoredCases } from './audit-case-pages.js';
import { casesOfPart, subjectsOfPart } from './audit-part-cases.js';
import { auditPartitionNamed, ensureAuditPartitions, LIST_PARTITIONS } from './audit-partitions.js';
import { type AuditPartRow, partsOfCases } from './audit-parts-of-cases.js';
import { requestIdFloor } from './audit-request-group.js';
import type { AuditAppender } from './audit-sqlite-appender.js';
import {
  eraseSubjectCases,
  latestSubjectPart,
  subjectCases,
  subjectFeedbackIds,
  subjectParts,
} from './audit-subject-sql.js';
import type { AuditTables } from './audit-tables.js';
import type { CaseTables } from './case-tables.js';
import type { Database } from './database.js';
import { toFeedback } from './feedback-sql-log.js';
import { labelledScore, latestLabelledCases, readLabelledInputs } from './labelled-inputs-sql.js';
import { readWindowRange, windowCases, windowIds } from './scored-window-sql.js';
import type { SqlDatabase } from './sql-database.js';

/** Parts per INSERT: 12 parameters each stays far below SQLite's and PostgreSQL's limits. */
const CHUNK = 500;

type Db = Kysely<Database & AuditTables>;

/**
 * The audit log on SQLite or PostgreSQL, sharing the stores' database: one row per request part
 * (consecutive cases of one request and scoring, their inputs, scores and subjects in JSON;
 * see migration 0016), appended in multi-row inserts inside one transaction per batch, read by
 * picking the cases out of the parts.
 *
 * @example
 * const audit = await SqlAuditLog.open(database);
 * await audit.append(cases);
 */
export class SqlAuditLog implements AuditLog {
  readonly #database: SqlDatabase;
  readonly #db: Db;
  readonly #appender: AuditAppender | undefined;
  /** On PostgreSQL, the audit table's monthly partitions this log has made sure of. */
  readonly #partitions = new Set<string>();

  private constructor(database: SqlDatabase, appender: AuditAppender | undefined) {
    this.#database = database;
    this.#db = database.db.withTables<AuditTables>();
    this.#appender = appender;
  }

  /**
   * Takes one reference to `database`, released by `close`. On SQLite, `appender` (a connection of
   * its own, see `sqliteAuditAppender`) takes the appends; on PostgreSQL they are one `unnest` insert.
   */
  static async open(database: SqlDatabase, appender?: AuditAppender): Promise<SqlAuditLog> {
    database.retain();
    return new SqlAuditLog(database, appender);
  }

  async append(cases: readonly ScoredCase[]): Promise<void> {
    if (cases.length === 0) return;
    if (this.#appender) return this.#appender.append(cases);
    if (this.#database.flavor.kind === 'postgres')
      await ensureAuditPartitions(
        (text) => sql.raw(text).execute(this.#db),
        cases.map((c) => c.time),
        this.#partitions,
      );
    const parts = partsOfCases(cases);
    await this.#db.transaction().execute(async (trx) => {
      if (this.#database.flavor.kind === 'postgres') await appendUnnest(trx, parts);
      else
        for (let from = 0; from < parts.length; from += CHUNK)
          await trx
            .insertInto('audit_parts')
            .values(parts.slice(from, from + CHUNK))
            .execute();
    });
  }

  list(query: ScoredCaseQuery = {}): Promise<Page<ScoredCase>> {
    return listScoredCases(this.#db, this.#database.flavor, query);
  }

  async findCase(
    ref: { readonly requestId: string; readonly row: number } | { readonly caseId: string },
  ): Promise<ScoredCase | undefined> {
    if ('caseId' in ref) {
      // Its latest scoring: the newest part holding it, the last of its cases there.
      const newest = await latestSubjectPart(this.#db, this.#database.flavor, ref.caseId);
      if (!newest) return undefined;
      const at = subjectsOfPart(newest).lastIndexOf(ref.caseId);
      return casesOfPart(newest)[at];
    }
    // The rows from the id's millisecond to the id (see `requestIdFloor`), newest first: the
    // latest scoring under that id.
    const rows = await this.#db
      .selectFrom('audit_parts')
      .selectAll()
      .where('request_id', '>=', requestIdFloor(ref.requestId))
      .where('request_id', '<=', ref.requestId)
      .orderBy('id', 'desc')
      .execute();
    for (const part of rows) {
      const found = casesOfPart(part).find((c) => c.requestId === ref.requestId && c.row === ref.row);
      if (found) return found;
    }
    return undefined;
  }

  async labelledScores(query: LabelledScoreQuery = {}): Promise<readonly LabelledScore[]> {
    const rows = await latestLabelledCases(this.#db, this.#database.flavor, query)
      .select(['p.model_name', 'p.model_version', labelledScore(this.#database.flavor), 'f.label'])
      .execute();
    return rows.map((r) => ({
      modelName: r.model_name,
      modelVersion: r.model_version,
      score: Number(r.score),
      label: Number(r.label) === 1 ? 1 : 0,
    }));
  }

  labelledInputs(query: LabelledScoreQuery = {}): Promise<readonly LabelledInputs[]> {
    return readLabelledInputs(this.#db, this.#database.flavor, query);
  }

  async scoredWindow(query: ScoredWindowQuery): Promise<ScoredWindow> {
    const ids = await windowIds(this.#db, query);
    if (!ids) return { total: 0, rows: 0, inputs: new Map(), scores: new Float64Array(0) };
    const read = await readWindowRange(
      this.#db,
      this.#database.flavor,
      query,
      ids.lo - 1,
      ids.hi,
      query.limit,
    );
    // A read not cut by the limit counted every case of the window.
    const total = read.complete ? read.rows : await windowCases(this.#db, query);
    return { total, rows: read.rows, inputs: read.inputs, scores: read.scores };
  }

  async deleteOlderThan(time: number): Promise<number> {
    return this.#db.transaction().execute(async (trx) => {
      let dropped = 0;
      if (this.#database.flavor.kind === 'postgres')
        // Whole months past the cutoff go at once: no row by row deletion, no table bloat.
        for (const { name } of (await LIST_PARTITIONS.execute(trx)).rows) {
          const partition = auditPartitionNamed(name);
          if (!partition || partition.to > time) continue;
          const counted = await sql<{
            n: number;
          }>`select coalesce(sum(cases), 0)::bigint as n from ${sql.id(name)}`.execute(trx);
          dropped += Number(counted.rows[0]?.n ?? 0);
          await sql`drop table ${sql.id(name)}`.execute(trx);
          this.#partitions.delete(name);
        }
      const older = await trx
        .selectFrom('audit_parts')
        .select(sql<number>`coalesce(sum(cases), 0)`.as('n'))
        .where('scored_at', '<', time)
        .executeTakeFirst();
      await trx.deleteFrom('audit_parts').where('scored_at', '<', time).execute();
      await trx.deleteFrom('audit_feedback').where('received_at', '<', time).execute();
      await deleteConcludedCasesBefore(trx.withTables<CaseTables>(), time);
      return dropped + Number(older?.n ?? 0);
    });
  }

  async subjectRecords(subject: string): Promise<SubjectRecords> {
    const cases = subjectCases(await subjectParts(this.#db, this.#database.flavor, subject), subject);
    const ids = await subjectFeedbackIds(this.#db, subject, cases);
    return { subject, cases, conclusions: await this.#feedbackWithIds(this.#db, ids) };
  }

  async eraseSubject(subject: string, by: string, at: number): Promise<SubjectErasure> {
    const { flavor } = this.#database;
    return this.#db.transaction().execute(async (trx) => {
      // Conclusions name a case by id, or by the request and row of a case of the subject.
      const cases = subjectCases(await subjectParts(trx, flavor, subject), subject);
      const conclusions = await subjectFeedbackIds(trx, subject, cases);
      for (let from = 0; from < conclusions.length; from += CHUNK)
        await trx
          .deleteFrom('audit_feedback')
          .where('id', 'in', conclusions.slice(from, from + CHUNK))
          .execute();
      const erased = await eraseSubjectCases(trx, flavor, subject);
      // The analysts' cases of the subject go with its scored cases.
      const alertCases = trx.withTables<CaseTables>();
      await alertCases
        .deleteFrom('alert_case_scores')
        .where(
          'case_id',
          'in',
          alertCases.selectFrom('alert_cases').select('id').where('subject', '=', subject),
        )
        .execute();
      await alertCases.deleteFrom('alert_cases').where('subject', '=', subject).execute();
      const erasure: SubjectErasure = {
        subjectHash: subjectHash(subject),
        at,
        by,
        cases: erased,
        conclusions: conclusions.length,
      };
      await trx
        .insertInto('audit_erasures')
        .values({
          subject_hash: erasure.subjectHash,
          erased_at: at,
          erased_by: by,
          cases: erasure.cases,
          conclusions: erasure.conclusions,
        })
        .execute();
      return erasure;
    });
  }

  async listErasures(): Promise<readonly SubjectErasure[]> {
    const rows = await this.#db.selectFrom('audit_erasures').selectAll().orderBy('id', 'asc').execute();
    return rows.map((r) => ({
      subjectHash: r.subject_hash,
      at: Number(r.erased_at),
      by: r.erased_by,
      cases: Number(r.cases),
      conclusions: Number(r.conclusions),
    }));
  }

  /** The conclusions with these ids, oldest first. */
  async #feedbackWithIds(db: Db, ids: readonly number[]): Promise<CaseFeedback[]> {
    const found: CaseFeedback[] = [];
    for (let from = 0; from < ids.length; from += CHUNK) {
      const rows = await db
        .selectFrom('audit_feedback')
        .selectAll()
        .where('id', 'in', ids.slice(from, from + CHUNK))
        .orderBy('id', 'asc')
        .execute();
      found.push(...rows.map(toFeedback));
    }
    return found;
  }

  close(): Promise<void> {
    this.#appender?.close();
    return this.#database.close();
  }
}

/**
 * Retention of the analysts' cases: a case concluded before `time` whose every score is older goes,
 * with its scores (its conclusion went with the audit's feedback). Open and in-review cases stay
 * whatever their age: the queue never loses work.
 */
async function deleteConcludedCasesBefore(
  db: Kysely<Database & AuditTables & CaseTables>,
  time: number,
): Promise<void> {
  const expired = db
    .selectFrom('alert_cases')
    .select('id')
    .where('state', '=', 'concluded')
    .where('concluded_at', '<', time)
    .where('last_scored_at', '<', time);
  await db.deleteFrom('alert_case_scores').where('case_id', 'in', expired).execute();
  await db
    .deleteFrom('alert_cases')
    .where('state', '=', 'concluded')
    .where('concluded_at', '<', time)
    .where('last_scored_at', '<', time)
    .execute();
}

/** SHA-256 of a subject's id, hex. */
function subjectHash(subject: string): string {
  return createHash('sha256').update(subject).digest('hex');
}

/** One statement of thirteen array parameters on PostgreSQL, whatever the number of parts: nothing to compile per row. */
async function appendUnnest(db: Db, parts: readonly AuditPartRow[]): Promise<void> {
  if (parts.length === 0) return;
  const column = <T>(read: (p: AuditPartRow) => T): T[] => parts.map(read);
  await sql`insert into audit_parts (request_id, first_row, cases, case_id, case_ids, model_name, model_version, inputs, scores, scored_at, caller, client_request_id, requests)
    select * from unnest(${column((p) => p.request_id)}::text[], ${column((p) => p.first_row)}::integer[],
      ${column((p) => p.cases)}::integer[], ${column((p) => p.case_id)}::text[], ${column((p) => p.case_ids)}::text[],
      ${column((p) => p.model_name)}::text[], ${column((p) => p.model_version)}::text[],
      ${column((p) => p.inputs)}::text[], ${column((p) => p.scores)}::text[],
      ${column((p) => p.scored_at)}::bigint[], ${column((p) => p.caller)}::text[],
      ${column((p) => p.client_request_id)}::text[], ${column((p) => p.requests)}::text[])`.execute(db);
}
