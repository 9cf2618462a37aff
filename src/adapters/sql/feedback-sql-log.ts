import type { Kysely, Selectable } from 'kysely';
import type { CaseFeedback, CaseFeedbackQuery, FeedbackLog } from '../../ports/feedback-log.js';
import type { AuditTables } from './audit-tables.js';
import type { Database } from './database.js';
import type { SqlDatabase } from './sql-database.js';

const DEFAULT_PAGE = 1000;

/**
 * The analysts' conclusions on SQLite or PostgreSQL (`audit_feedback`, beside the audit log it
 * names cases of), sharing the stores' database: one row per conclusion, appended.
 *
 * @example
 * const feedback = await SqlFeedbackLog.open(database);
 * await feedback.recordFeedback({ requestId, row: 0, caseId: null, conclusion: 'REPORTED', label: 1, time: Date.now(), analyst: 'ana' });
 */
export class SqlFeedbackLog implements FeedbackLog {
  readonly #database: SqlDatabase;
  readonly #db: Kysely<Database & AuditTables>;

  private constructor(database: SqlDatabase) {
    this.#database = database;
    this.#db = database.db.withTables<AuditTables>();
  }

  /** Takes one reference to `database`, released by `close`. */
  static async open(database: SqlDatabase): Promise<SqlFeedbackLog> {
    database.retain();
    return new SqlFeedbackLog(database);
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

  close(): Promise<void> {
    return this.#database.close();
  }
}

/**
 * A conclusion as its row stores it.
 *
 * @example
 * rows.map(toFeedback);
 */
export function toFeedback(r: Selectable<AuditTables['audit_feedback']>): CaseFeedback {
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
