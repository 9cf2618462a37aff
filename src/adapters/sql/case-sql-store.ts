import { type Kysely, sql } from 'kysely';
import type { AlertCase, CaseDay, CaseScore, CaseState } from '../../core/cases/index.js';
import { AmlopsError } from '../../core/errors/index.js';
import type {
  CaseAssignment,
  CaseConclusion,
  CaseDaysQuery,
  CaseQuery,
  CaseStore,
  ConcludedCase,
  ConcludedCaseQuery,
} from '../../ports/case-store.js';
import type { Page } from '../../ports/page.js';
import { caseInputs, inputNamesOf } from './audit-case-inputs.js';
import { caseInRow, holdsScoredCase } from './audit-request-sql.js';
import type { AuditTables } from './audit-tables.js';
import { casesPerDay } from './case-days-sql.js';
import { decodeCaseToken, encodeCaseToken, toAlertCase, toCaseScore } from './case-rows.js';
import type { CaseTables } from './case-tables.js';
import type { Database } from './database.js';
import type { SqlDatabase } from './sql-database.js';

type Db = Kysely<Database & AuditTables & CaseTables>;

const DEFAULT_PAGE = 50;
const ACTIVE: readonly CaseState[] = ['open', 'in_review'];

/**
 * The analysts' cases on SQLite or PostgreSQL, sharing the stores' database (the audit writer opens
 * them; see `sqliteCaseOpener`, `postgresCaseOpener`). A conclusion and the feedback it records on
 * the case's scored cases are one transaction.
 *
 * @example
 * const cases = await SqlCaseStore.open(database);
 * const { items } = await cases.list({ sort: 'score' });
 */
export class SqlCaseStore implements CaseStore {
  readonly #database: SqlDatabase;
  readonly #db: Db;

  private constructor(database: SqlDatabase) {
    this.#database = database;
    this.#db = database.db.withTables<AuditTables & CaseTables>();
  }

  /** Takes one reference to `database`, released by `close`. */
  static async open(database: SqlDatabase): Promise<SqlCaseStore> {
    database.retain();
    return new SqlCaseStore(database);
  }

  async list(query: CaseQuery = {}): Promise<Page<AlertCase>> {
    const limit = query.maxResults ?? DEFAULT_PAGE;
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
      throw new AmlopsError('USAGE', `maxResults must be an integer from 1 to 10000; got ${limit}`);
    const states = [...new Set(query.states ?? ACTIVE)];
    const byAge = query.sort === 'age';
    let q = this.#db.selectFrom('alert_cases').selectAll();
    // The queue's own condition, as its partial indexes are written: those stay small however many
    // cases were concluded.
    if (states.length === 2 && ACTIVE.every((s) => states.includes(s)))
      q = q.where(sql<boolean>`state <> 'concluded'`);
    else if (states.length === 1) q = q.where('state', '=', states[0]!);
    else if (states.length < 3) q = q.where('state', 'in', states);
    if (query.subject !== undefined) q = q.where('subject', '=', query.subject);
    if (query.pageToken !== undefined) {
      const after = decodeCaseToken(query.pageToken);
      q = byAge
        ? q.where((eb) =>
            eb.or([
              eb('opened_at', '>', after.key),
              eb.and([eb('opened_at', '=', after.key), eb('id', '>', after.id)]),
            ]),
          )
        : q.where((eb) =>
            eb.or([
              eb('score', '<', after.key),
              eb.and([eb('score', '=', after.key), eb('id', '<', after.id)]),
            ]),
          );
    }
    q = byAge
      ? q.orderBy('opened_at', 'asc').orderBy('id', 'asc')
      : q.orderBy('score', 'desc').orderBy('id', 'desc');
    const rows = await q.limit(limit + 1).execute();
    const items = rows.slice(0, limit).map(toAlertCase);
    const last = items[limit - 1];
    return rows.length > limit && last
      ? { items, nextPageToken: encodeCaseToken({ key: byAge ? last.openedAt : last.score, id: last.id }) }
      : { items };
  }

  async activeCounts(): Promise<{ open: number; in_review: number }> {
    const rows = await this.#db
      .selectFrom('alert_cases')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .where(sql<boolean>`state <> 'concluded'`)
      .groupBy('state')
      .execute();
    const count = (state: string) => Number(rows.find((r) => r.state === state)?.n ?? 0);
    return { open: count('open'), in_review: count('in_review') };
  }

  async get(id: number): Promise<AlertCase | undefined> {
    const row = await this.#db.selectFrom('alert_cases').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toAlertCase(row) : undefined;
  }

  async activeCaseOf(scored: {
    readonly requestId: string;
    readonly row: number;
  }): Promise<AlertCase | undefined> {
    const row = await this.#db
      .selectFrom('alert_cases')
      .selectAll()
      .where(sql<boolean>`state <> 'concluded'`)
      .where(
        'id',
        'in',
        this.#db
          .selectFrom('alert_case_scores')
          .select('case_id')
          .where('request_id', '=', scored.requestId)
          .where('row_index', '=', scored.row),
      )
      .executeTakeFirst();
    return row ? toAlertCase(row) : undefined;
  }

  async scoresOf(id: number): Promise<readonly CaseScore[]> {
    const rows = await this.#db
      .selectFrom('alert_case_scores')
      .selectAll()
      .where('case_id', '=', id)
      .orderBy('scored_at', 'asc')
      .orderBy('id', 'asc')
      .execute();
    return rows.map(toCaseScore);
  }

  async subjectCases(subject: string): Promise<readonly AlertCase[]> {
    const rows = await this.#db
      .selectFrom('alert_cases')
      .selectAll()
      .where('subject', '=', subject)
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toAlertCase);
  }

  async assign(assignment: CaseAssignment): Promise<AlertCase> {
    return this.#changeActive(assignment.id, async (trx) => {
      await trx
        .updateTable('alert_cases')
        .set({
          state: 'in_review',
          assignee: assignment.assignee,
          assigned_by: assignment.by,
          assigned_at: assignment.at,
        })
        .where('id', '=', assignment.id)
        .execute();
    });
  }

  async conclude(conclusion: CaseConclusion): Promise<AlertCase> {
    return this.#changeActive(conclusion.id, async (trx, before) => {
      await trx
        .updateTable('alert_cases')
        .set({
          state: 'concluded',
          open_subject: null,
          conclusion: conclusion.conclusion,
          label: conclusion.label,
          note: conclusion.note,
          concluded_by: conclusion.by,
          concluded_at: conclusion.at,
        })
        .where('id', '=', conclusion.id)
        .execute();
      // The label POST /feedback would record, on every scored case of the case: live performance
      // reads it from the audit log's feedback.
      const scores = await trx
        .selectFrom('alert_case_scores')
        .select(['request_id', 'row_index'])
        .where('case_id', '=', conclusion.id)
        .orderBy('id', 'asc')
        .execute();
      if (scores.length > 0)
        await trx
          .insertInto('audit_feedback')
          .values(
            scores.map((s) => ({
              request_id: s.request_id,
              row_index: Number(s.row_index),
              case_id: before.subject,
              conclusion: conclusion.conclusion,
              label: conclusion.label,
              received_at: conclusion.at,
              analyst: conclusion.by,
            })),
          )
          .execute();
    });
  }

  async concluded(query: ConcludedCaseQuery = {}): Promise<readonly ConcludedCase[]> {
    const { flavor } = this.#database;
    let q = this.#db
      .selectFrom('alert_cases as c')
      .innerJoin('alert_case_scores as s', 's.case_id', 'c.id')
      // The part holding the scored case: its inputs are its element there.
      .innerJoin('audit_parts as p', (join) =>
        join.on(holdsScoredCase(flavor, 'p', sql.ref('s.request_id'), sql.ref('s.row_index'))),
      )
      .where('c.state', '=', 'concluded')
      // The case's latest score stands for it: the subject as last scored before the conclusion.
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('alert_case_scores as later')
              .select('later.id')
              .whereRef('later.case_id', '=', 's.case_id')
              .where((eb) =>
                eb.or([
                  eb('later.scored_at', '>', eb.ref('s.scored_at')),
                  eb.and([
                    eb('later.scored_at', '=', eb.ref('s.scored_at')),
                    eb('later.id', '>', eb.ref('s.id')),
                  ]),
                ]),
              ),
          ),
        ),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('audit_parts as again')
              .select('again.id')
              .where(holdsScoredCase(flavor, 'again', sql.ref('s.request_id'), sql.ref('s.row_index')))
              .whereRef('again.id', '>', 'p.id'),
          ),
        ),
      )
      .select([
        'c.id',
        'c.subject',
        'c.sampled',
        'c.conclusion',
        'c.label',
        'c.opened_at',
        'c.concluded_at',
        's.request_id',
        's.row_index',
        's.model_name',
        's.model_version',
        flavor
          .jsonListElement(
            sql.ref('p.inputs'),
            caseInRow(flavor, 'p', sql.ref('s.request_id'), sql.ref('s.row_index')),
          )
          .as('inputs'),
        'p.input_names',
      ]);
    if (query.since !== undefined) q = q.where('c.opened_at', '>=', query.since);
    if (query.concludedBefore !== undefined) q = q.where('c.concluded_at', '<', query.concludedBefore);
    const rows = await q.orderBy('c.id', 'asc').execute();
    return rows.map((r) => ({
      caseId: Number(r.id),
      subject: r.subject,
      sampled: Number(r.sampled) === 1,
      requestId: r.request_id,
      row: Number(r.row_index),
      modelName: r.model_name,
      modelVersion: r.model_version,
      inputs: caseInputs(JSON.parse(String(r.inputs)), inputNamesOf(r.input_names)),
      conclusion: r.conclusion ?? '',
      label: Number(r.label) === 1 ? 1 : 0,
      openedAt: Number(r.opened_at),
      concludedAt: Number(r.concluded_at),
    }));
  }

  async casesPerDay(query: CaseDaysQuery): Promise<readonly CaseDay[]> {
    return casesPerDay(this.#db, query);
  }

  async close(): Promise<void> {
    await this.#database.close();
  }

  /**
   * Runs `change` on a case that is not concluded, in a write transaction holding its row; then
   * the case as changed. CASE_NOT_FOUND or CASE_ALREADY_CONCLUDED (nothing changed) otherwise.
   */
  async #changeActive(id: number, change: (trx: Db, before: AlertCase) => Promise<void>): Promise<AlertCase> {
    const { flavor } = this.#database;
    return flavor.writeTransaction(this.#database.db, async (transaction) => {
      const trx = transaction.withTables<AuditTables & CaseTables>();
      const row = await flavor
        .forUpdate(trx.selectFrom('alert_cases').selectAll().where('id', '=', id))
        .executeTakeFirst();
      if (!row)
        throw new AmlopsError('CASE_NOT_FOUND', `no case ${id}: amlops cases list lists them`, { id });
      const before = toAlertCase(row);
      if (before.state === 'concluded')
        throw new AmlopsError(
          'CASE_ALREADY_CONCLUDED',
          `case ${id} was concluded ${before.conclusion} by ${before.concludedBy || 'unknown'} at ${new Date(before.concludedAt ?? 0).toISOString()}; nothing changed`,
          {
            id,
            conclusion: before.conclusion,
            concludedBy: before.concludedBy,
            concludedAt: before.concludedAt,
          },
        );
      await change(trx, before);
      const after = await trx
        .selectFrom('alert_cases')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return toAlertCase(after);
    });
  }
}
