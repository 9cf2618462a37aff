import type { Selectable } from 'kysely';
import { AmlopsError } from '../../core/errors/index.js';
import type { PipelineState } from '../../core/pipeline-runs/index.js';
import type { PipelineLogEntry, PipelineRun, PipelineStepRow } from '../../ports/pipeline-run-store.js';
import type { PipelineRunsDb } from './pipeline-runs-context.js';
import type { PipelineRunTables } from './pipeline-runs-tables.js';

export type PipelineRunRow = Selectable<PipelineRunTables['pipeline_runs']>;
type StepRow = Selectable<PipelineRunTables['pipeline_run_steps']>;
type LogRow = Selectable<PipelineRunTables['pipeline_run_logs']>;

const num = (v: number | null): number | null => (v === null ? null : Number(v));

/**
 * The run of a `pipeline_runs` row.
 *
 * @example
 * const run = pipelineRunOf(row);
 */
export function pipelineRunOf(row: PipelineRunRow): PipelineRun {
  return {
    id: row.id,
    flow: row.flow,
    params: JSON.parse(row.params) as Record<string, unknown>,
    state: row.state as PipelineState,
    createdAt: Number(row.created_at),
    startedAt: num(row.started_at),
    endedAt: num(row.ended_at),
    error: row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '' },
    failedStep: row.failed_step,
    trackingRunId: row.tracking_run_id,
    worker: row.worker,
    heartbeatAt: num(row.heartbeat_at),
    attempt: Number(row.attempt),
    cancelRequested: Number(row.cancel_requested) === 1,
  };
}

/**
 * The step of a `pipeline_run_steps` row; an output recorded as SQL NULL is absent.
 *
 * @example
 * const step = pipelineStepOf(row);
 */
export function pipelineStepOf(row: StepRow): PipelineStepRow {
  return {
    runId: row.run_id,
    name: row.name,
    state: row.state as PipelineState,
    attempt: Number(row.attempt),
    ...(row.started_at === null ? {} : { startedAt: Number(row.started_at) }),
    ...(row.ended_at === null ? {} : { endedAt: Number(row.ended_at) }),
    ...(row.output === null ? {} : { output: JSON.parse(row.output) as unknown }),
    ...(row.error_code === null ? {} : { error: { code: row.error_code, message: row.error_message ?? '' } }),
  };
}

/**
 * The log entry of a `pipeline_run_logs` row.
 *
 * @example
 * const entry = pipelineLogOf(row);
 */
export function pipelineLogOf(row: LogRow): PipelineLogEntry {
  return {
    seq: Number(row.seq),
    time: Number(row.time),
    step: row.step,
    level: row.level as PipelineLogEntry['level'],
    message: row.message,
    ...(row.fields === null ? {} : { fields: JSON.parse(row.fields) as Record<string, unknown> }),
  };
}

/**
 * The row of run `id`; NOT_FOUND when there is none.
 *
 * @example
 * const row = await pipelineRunRow(trx, id);
 */
export async function pipelineRunRow(db: PipelineRunsDb, id: string): Promise<PipelineRunRow> {
  const row = await db
    .selectFrom('pipeline_runs')
    .selectAll()
    .where('id', '=', String(id))
    .executeTakeFirst();
  if (!row) throw new AmlopsError('NOT_FOUND', `no pipeline run with id '${id}'`);
  return row;
}
