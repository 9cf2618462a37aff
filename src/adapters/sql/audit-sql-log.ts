import { createHash } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import { AmlopsError } from '../../core/errors/index.js';
import type {
  AuditLog,
  CaseFeedback,
  CaseFeedbackQuery,
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
import type { Page } from '../../ports/page.js';
import { auditPartitionNamed, ensureAuditPartitions, LIST_PARTITIONS } from './audit-partitions.js';
import type { AuditAppender } from './audit-sqlite-appender.js';
import type { AuditTables } from './audit-tables.js';
import type { CaseTables } from './case-tables.js';
import type { Database } from './database.js';
import { latestLabelledCases, readLabelledInputs } from './labelled-inputs-sql.js';
import { countWindow, readWindowRange, windowBounds } from './scored-window-sql.js';
import type { SqlDatabase } from './sql-database.js';

/** Rows per INSERT: 10 parameters each stays far below SQLite's and PostgreSQL's limits. */
const CHUNK = 500;
const DEFAULT_PAGE = 1000;

type Db = Kysely<Database & AuditTables>;
type PredictionRow = Selectable<AuditTables['audit_predictions']>;

/**
 * The audit log on SQLite or PostgreSQL, sharing the stores' database: one row per scored case,
 * appended in multi-row inserts inside one transaction per batch.
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
    await this.#db.transaction().execute(async (trx) => {
      if (this.#database.flavor.kind === 'postgres') await appendUnnest(trx, cases);
      else
        for (let from = 0; from < cases.length; from += CHUNK) {
          const rows = cases.slice(from, from + CHUNK).map((c) => ({
            request_id: c.requestId,
            row_index: c.row,
            case_id: c.caseId,
            model_name: c.modelName,
            model_version: c.modelVersion,
            inputs: JSON.stringify(c.inputs),
            score: c.score,
            scored_at: c.time,
            caller: c.caller,
            client_request_id: c.clientRequestId,
          }));
          await trx.insertInto('audit_predictions').values(rows).execute();
        }
    });
  }

  async list(query: ScoredCaseQuery = {}): Promise<Page<ScoredCase>> {
    const limit = query.maxResults ?? DEFAULT_PAGE;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
      throw new AmlopsError('USAGE', `maxResults must be an integer from 1 to 100000; got ${limit}`);
    let q = this.#db.selectFrom('audit_predictions').selectAll();
    if (query.modelName !== undefined) q = q.where('model_name', '=', query.modelName);
    if (query.modelVersion !== undefined) q = q.where('model_version', '=', query.modelVersion);
    if (query.requestId !== undefined) q = q.where('request_id', '=', query.requestId);
    if (query.clientRequestId !== undefined) q = q.where('client_request_id', '=', query.clientRequestId);
    if (query.caseId !== undefined) q = q.where('case_id', '=', query.caseId);
    if (query.since !== undefined) q = q.where('scored_at', '>=', query.since);
    if (query.until !== undefined) q = q.where('scored_at', '<', query.until);
    if (query.minScore !== undefined) q = q.where('score', '>=', query.minScore);
    if (query.maxScore !== undefined) q = q.where('score', '<=', query.maxScore);
    if (query.pageToken !== undefined) {
      const after = decodeToken(query.pageToken);
      q = q.where((eb) =>
        eb.or([
          eb('scored_at', '<', after.time),
          eb.and([eb('scored_at', '=', after.time), eb('id', '<', after.id)]),
        ]),
      );
    }
    // Newest first by the time of scoring: records reach the store in batches, from several
    // workers' spools, not in the order they were scored.
    const rows = await q
      .orderBy('scored_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const items = rows.slice(0, limit).map(toScoredCase);
    const last = rows[limit - 1];
    return rows.length > limit && last
      ? { items, nextPageToken: encodeToken(Number(last.scored_at), Number(last.id)) }
      : { items };
  }

  async findCase(
    ref: { readonly requestId: string; readonly row: number } | { readonly caseId: string },
  ): Promise<ScoredCase | undefined> {
    let q = this.#db.selectFrom('audit_predictions').selectAll();
    q =
      'caseId' in ref
        ? q.where('case_id', '=', ref.caseId)
        : q.where('request_id', '=', ref.requestId).where('row_index', '=', ref.row);
    const row = await q.orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row ? toScoredCase(row) : undefined;
  }

  async recordFeedback(feedback: CaseFeedback): Promise<void> {
    await this.#db
      .insertInto('audit_feedback')
      .values({
        request_id: feedback.requestId,
        row_index: feedback.row,
        case_id: feedback.caseId,
        conclusion: feedback.conclusion,
        label: feedback.label,
        received_at: feedback.time,
        analyst: feedback.analyst,
      })
      .execute();
  }

  async listFeedback(query: CaseFeedbackQuery = {}): Promise<readonly CaseFeedback[]> {
    let q = this.#db.selectFrom('audit_feedback').selectAll();
    if (query.since !== undefined) q = q.where('received_at', '>=', query.since);
    if (query.requestId !== undefined) q = q.where('request_id', '=', query.requestId);
    if (query.row !== undefined) q = q.where('row_index', '=', query.row);
    const rows = await q
      .orderBy('id', 'asc')
      .limit(query.maxResults ?? DEFAULT_PAGE)
      .execute();
    return rows.map(toFeedback);
  }

  async labelledScores(query: LabelledScoreQuery = {}): Promise<readonly LabelledScore[]> {
    const rows = await latestLabelledCases(this.#db, query)
      .select(['p.model_name', 'p.model_version', 'p.score', 'f.label'])
      .execute();
    return rows.map((r) => ({
      modelName: r.model_name,
      modelVersion: r.model_version,
      score: Number(r.score),
      label: Number(r.label) === 1 ? 1 : 0,
    }));
  }

  labelledInputs(query: LabelledScoreQuery = {}): Promise<readonly LabelledInputs[]> {
    return readLabelledInputs(this.#db, query);
  }

  async scoredWindow(query: ScoredWindowQuery): Promise<ScoredWindow> {
    const bounds = await windowBounds(this.#db, query);
    if (!bounds) return { total: 0, rows: 0, inputs: new Map(), scores: new Float64Array(0) };
    const read = await readWindowRange(
      this.#db,
      this.#database.flavor,
      query,
      bounds.lo - 1,
      bounds.hi,
      query.limit,
    );
    // Counted only when the window may hold more cases than were read.
    const total = read.complete ? read.rows : await countWindow(this.#db, query);
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
          const counted = await sql<{ n: number }>`select count(*)::bigint as n from ${sql.id(name)}`.execute(
            trx,
          );
          dropped += Number(counted.rows[0]?.n ?? 0);
          await sql`drop table ${sql.id(name)}`.execute(trx);
          this.#partitions.delete(name);
        }
      const deleted = await trx
        .deleteFrom('audit_predictions')
        .where('scored_at', '<', time)
        .executeTakeFirst();
      await trx.deleteFrom('audit_feedback').where('received_at', '<', time).execute();
      await deleteConcludedCasesBefore(trx.withTables<CaseTables>(), time);
      return dropped + Number(deleted.numDeletedRows);
    });
  }

  async subjectRecords(subject: string): Promise<SubjectRecords> {
    const cases = await this.#db
      .selectFrom('audit_predictions')
      .selectAll()
      .where('case_id', '=', subject)
      .orderBy('scored_at', 'asc')
      .orderBy('id', 'asc')
      .execute();
    const conclusions = await this.#subjectFeedback(this.#db, subject).orderBy('id', 'asc').execute();
    return { subject, cases: cases.map(toScoredCase), conclusions: conclusions.map(toFeedback) };
  }

  async eraseSubject(subject: string, by: string, at: number): Promise<SubjectErasure> {
    return this.#db.transaction().execute(async (trx) => {
      // Conclusions name a case by id, or by the request and row of a case of the subject.
      const conclusions = await this.#subjectFeedback(trx, subject).select('f.id').execute();
      if (conclusions.length > 0)
        await trx
          .deleteFrom('audit_feedback')
          .where(
            'id',
            'in',
            conclusions.map((c) => c.id),
          )
          .execute();
      const cases = await trx
        .deleteFrom('audit_predictions')
        .where('case_id', '=', subject)
        .executeTakeFirst();
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
        cases: Number(cases.numDeletedRows),
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

  /** The conclusions about a subject: by its id, or by the request and row of one of its cases. */
  #subjectFeedback(db: Db, subject: string) {
    return db
      .selectFrom('audit_feedback as f')
      .selectAll('f')
      .where((eb) =>
        eb.or([
          eb('f.case_id', '=', subject),
          eb.exists(
            eb
              .selectFrom('audit_predictions as p')
              .select('p.id')
              .where('p.case_id', '=', subject)
              .whereRef('p.request_id', '=', 'f.request_id')
              .whereRef('p.row_index', '=', 'f.row_index'),
          ),
        ]),
      );
  }

  close(): Promise<void> {
    this.#appender?.close();
    return this.#database.close();
  }
}

function toFeedback(r: Selectable<AuditTables['audit_feedback']>): CaseFeedback {
  return {
    requestId: r.request_id,
    row: r.row_index === null ? null : Number(r.row_index),
    caseId: r.case_id,
    conclusion: r.conclusion,
    label: Number(r.label) === 1 ? 1 : 0,
    time: Number(r.received_at),
    analyst: r.analyst,
  };
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

/** One statement of ten array parameters on PostgreSQL, whatever the number of cases: nothing to compile per row. */
async function appendUnnest(db: Db, cases: readonly ScoredCase[]): Promise<void> {
  if (cases.length === 0) return;
  const column = <T>(read: (c: ScoredCase) => T): T[] => cases.map(read);
  await sql`insert into audit_predictions (request_id, row_index, case_id, model_name, model_version, inputs, score, scored_at, caller, client_request_id)
    select * from unnest(${column((c) => c.requestId)}::text[], ${column((c) => c.row)}::integer[],
      ${column((c) => c.caseId)}::text[], ${column((c) => c.modelName)}::text[], ${column((c) => c.modelVersion)}::text[],
      ${column((c) => JSON.stringify(c.inputs))}::text[], ${column((c) => c.score)}::double precision[],
      ${column((c) => c.time)}::bigint[], ${column((c) => c.caller)}::text[],
      ${column((c) => c.clientRequestId)}::text[])`.execute(db);
}

function toScoredCase(row: PredictionRow): ScoredCase {
  return {
    requestId: row.request_id,
    row: Number(row.row_index),
    caseId: row.case_id,
    modelName: row.model_name,
    modelVersion: row.model_version,
    inputs: JSON.parse(row.inputs) as ScoredCase['inputs'],
    score: Number(row.score),
    time: Number(row.scored_at),
    caller: row.caller,
    clientRequestId: row.client_request_id,
  };
}

function encodeToken(time: number, id: number): string {
  return Buffer.from(JSON.stringify({ time, id })).toString('base64url');
}

function decodeToken(token: string): { time: number; id: number } {
  try {
    const { time, id } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      time?: unknown;
      id?: unknown;
    };
    if (typeof time === 'number' && Number.isInteger(time) && typeof id === 'number' && Number.isInteger(id))
      return { time, id };
  } catch {
    // fall through to the error below
  }
  throw new AmlopsError('USAGE', 'the page token is not one this audit log gave');
}
