import type { Kysely } from 'kysely';
import type { LabelledInputs, LabelledScoreQuery } from '../../ports/audit-log.js';
import type { AuditTables } from './audit-tables.js';
import type { Database } from './database.js';

type Db = Kysely<Database & AuditTables>;

/**
 * The scored cases analysts concluded on, each with its latest conclusion (by time, then id) and
 * its latest scoring, filtered by model, version and scoring time: what `labelledScores` and
 * `readLabelledInputs` select from, in the order the conclusions arrived.
 *
 * @example
 * const rows = await latestLabelledCases(db, query).select(['p.score', 'f.label']).execute();
 */
export function latestLabelledCases(db: Db, query: LabelledScoreQuery) {
  // The latest feedback of each scored case: none later (by time, then by id) for the same case.
  let q = db
    .selectFrom('audit_feedback as f')
    .innerJoin('audit_predictions as p', (join) =>
      join.onRef('p.request_id', '=', 'f.request_id').onRef('p.row_index', '=', 'f.row_index'),
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
          selectFrom('audit_predictions as again')
            .select('again.id')
            .whereRef('again.request_id', '=', 'p.request_id')
            .whereRef('again.row_index', '=', 'p.row_index')
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

/**
 * The scored cases analysts concluded on, with the label of the latest conclusion and the inputs
 * the case was scored on: the cases of `labelledScores` (see `latestLabelledCases`), which live
 * performance by segment breaks down by an input column.
 *
 * @example
 * const cases = await readLabelledInputs(db, { modelName: 'consumers-laundering-model' });
 */
export async function readLabelledInputs(
  db: Db,
  query: LabelledScoreQuery,
): Promise<readonly LabelledInputs[]> {
  const rows = await latestLabelledCases(db, query)
    .select(['p.model_name', 'p.model_version', 'p.score', 'p.inputs', 'f.label'])
    .execute();
  return rows.map((r) => ({
    modelName: r.model_name,
    modelVersion: r.model_version,
    score: Number(r.score),
    label: Number(r.label) === 1 ? 1 : 0,
    inputs: JSON.parse(r.inputs) as LabelledInputs['inputs'],
  }));
}
