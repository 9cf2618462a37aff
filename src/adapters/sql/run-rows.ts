import type { Kysely, Selectable } from 'kysely';
import { AmlopsError } from '../../core/errors/index.js';
import type { LifecycleStage, Run, RunInfo, RunStatus } from '../../core/tracking/index.js';
import type { Database } from './database.js';

export type RunRow = Selectable<Database['runs']>;

/**
 * The info part of a run row.
 *
 * @example
 * const info = runInfoOf(row);
 */
export function runInfoOf(row: RunRow): RunInfo {
  return {
    runId: row.run_uuid,
    runName: row.name,
    experimentId: String(row.experiment_id),
    userId: row.user_id,
    status: row.status as RunStatus,
    startTime: Number(row.start_time),
    endTime: row.end_time === null ? null : Number(row.end_time),
    artifactUri: row.artifact_uri,
    lifecycleStage: row.lifecycle_stage as LifecycleStage,
  };
}

/**
 * The run row; NOT_FOUND when absent, INVALID_STATE when `active` is required and it is deleted.
 *
 * @example
 * const row = await runRow(trx, runId, true); // throws INVALID_STATE for a deleted run
 */
export async function runRow(db: Kysely<Database>, runId: string, requireActive: boolean): Promise<RunRow> {
  const row = await db
    .selectFrom('runs')
    .selectAll()
    .where('run_uuid', '=', String(runId))
    .executeTakeFirst();
  if (!row) throw new AmlopsError('NOT_FOUND', `no run with id '${runId}'`);
  if (requireActive && row.lifecycle_stage !== 'active')
    throw new AmlopsError('INVALID_STATE', `run '${runId}' is deleted; restore it before writing to it`);
  return row;
}

/**
 * Full runs (latest metrics, params, tags) for rows, in the rows' order, with three queries in all.
 *
 * @example
 * const runs = await loadRuns(db, rows);
 */
export async function loadRuns(db: Kysely<Database>, rows: readonly RunRow[]): Promise<Run[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.run_uuid);
  const [metrics, params, tags] = await Promise.all([
    db.selectFrom('latest_metrics').selectAll().where('run_uuid', 'in', ids).orderBy('key').execute(),
    db.selectFrom('params').selectAll().where('run_uuid', 'in', ids).orderBy('key').execute(),
    db.selectFrom('tags').selectAll().where('run_uuid', 'in', ids).orderBy('key').execute(),
  ]);
  return rows.map((row) => ({
    info: runInfoOf(row),
    data: {
      metrics: metrics
        .filter((m) => m.run_uuid === row.run_uuid)
        .map((m) => ({
          key: m.key,
          value: m.is_nan ? Number.NaN : Number(m.value),
          timestamp: Number(m.timestamp),
          step: Number(m.step),
        })),
      params: params.filter((p) => p.run_uuid === row.run_uuid).map((p) => ({ key: p.key, value: p.value })),
      tags: tags.filter((t) => t.run_uuid === row.run_uuid).map((t) => ({ key: t.key, value: t.value })),
    },
  }));
}
