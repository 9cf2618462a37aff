import { type Kysely, sql } from 'kysely';
import type { LabelledInputs, LabelledScoreQuery } from '../../ports/audit-log.js';
import { caseInputs, inputNamesOf } from './audit-case-inputs.js';
import { caseInRow, holdsScoredCase } from './audit-request-sql.js';
import type { AuditTables } from './audit-tables.js';
import type { Database } from './database.js';
import type { SqlFlavor } from './sql-flavor.js';

type Db = Kysely<Database & AuditTables>;

/**
 * The scored cases analysts concluded on, each with its latest conclusion (by time, then id) and
 * its latest scoring (the part `p` holding the case: its score and inputs are the elements
 * `labelledScore` and `labelledInputsText` pick), filtered by model, version and scoring time: what
 * `labelledScores` and `readLabelledInputs` select from, in the order the conclusions arrived.
 *
 * @example
 * const rows = await latestLabelledCases(db, flavor, query).select([labelledScore(flavor), 'f.label']).execute();
 */
export function latestLabelledCases(db: Db, flavor: SqlFlavor, query: LabelledScoreQuery) {
  // The latest feedback of each scored case: none later (by time, then by id) for the same case.
  let q = db
    .selectFrom('audit_feedback as f')
    .innerJoin('audit_parts as p', (join) =>
      join.on(holdsScoredCase(flavor, 'p', sql.ref('f.request_id'), sql.ref('f.row_index'))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('audit_feedback as later')
            .select('later.id')
            .whereRef('later.request_id', '=', 'f.request_id')
            .whereRef('later.row_index', '=', 'f.row_index')
            .where((eb) =>
              eb.or([
                eb('later.received_at', '>', eb.ref('f.received_at')),
                eb.and([
                  eb('later.received_at', '=', eb.ref('f.received_at')),
                  eb('later.id', '>', eb.ref('f.id')),
                ]),
              ]),
            ),
        ),
      ),
    )
    // A request id shared by two scorings (a client's reused X-Request-Id, before ids were always
    // the server's): the latest scoring, as feedback names it.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('audit_parts as again')
            .select('again.id')
            .where(holdsScoredCase(flavor, 'again', sql.ref('f.request_id'), sql.ref('f.row_index')))
            .whereRef('again.id', '>', 'p.id'),
        ),
      ),
    );
  if (query.modelName !== undefined) q = q.where('p.model_name', '=', query.modelName);
  if (query.modelVersion !== undefined) q = q.where('p.model_version', '=', query.modelVersion);
  if (query.since !== undefined) q = q.where('p.scored_at', '>=', query.since);
  if (query.until !== undefined) q = q.where('p.scored_at', '<', query.until);
  // In the order conclusions arrived: ordering by the scored case instead made SQLite walk the
  // whole audit log (0.5 s at 1M cases with no conclusion; docs/benchmarks.md, web UI page loads).
  return q.orderBy('f.id', 'asc');
}

/** Where the labelled case is in its row `p`. */
function labelledCase(flavor: SqlFlavor) {
  return caseInRow(flavor, 'p', sql.ref('f.request_id'), sql.ref('f.row_index'));
}

/** The score of a labelled case: its element of its row's scores. */
export function labelledScore(flavor: SqlFlavor) {
  return flavor.jsonListElement(sql.ref('p.scores'), labelledCase(flavor)).as('score');
}

/** The inputs of a labelled case, as a JSON text: its element of its row's inputs (see `caseInputs`). */
export function labelledInputsText(flavor: SqlFlavor) {
  return flavor.jsonListElement(sql.ref('p.inputs'), labelledCase(flavor)).as('inputs');
}

/**
 * The scored cases analysts concluded on, with the label of the latest conclusion and the inputs
 * the case was scored on: the cases of `labelledScores` (see `latestLabelledCases`), which live
 * performance by segment breaks down by an input column.
 *
 * @example
 * const cases = await readLabelledInputs(db, flavor, { modelName: 'consumers-laundering-model' });
 */
export async function readLabelledInputs(
  db: Db,
  flavor: SqlFlavor,
  query: LabelledScoreQuery,
): Promise<readonly LabelledInputs[]> {
  const rows = await latestLabelledCases(db, flavor, query)
    .select([
      'p.model_name',
      'p.model_version',
      labelledScore(flavor),
      labelledInputsText(flavor),
      'p.input_names',
      'f.label',
    ])
    .execute();
  return rows.map((r) => ({
    modelName: r.model_name,
    modelVersion: r.model_version,
    score: Number(r.score),
    label: Number(r.label) === 1 ? 1 : 0,
    inputs: caseInputs(JSON.parse(String(r.inputs)), inputNamesOf(r.input_names)),
  }));
}
