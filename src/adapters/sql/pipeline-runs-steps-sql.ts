import type { StepRecord } from '../../core/pipeline-runs/index.js';
import type { PipelineLogEntry, PipelineStepRow, RunFence } from '../../ports/pipeline-run-store.js';
import type { PipelineRunsContext } from './pipeline-runs-context.js';
import { pipelineLogOf, pipelineRunRow, pipelineStepOf } from './pipeline-runs-rows.js';

/**
 * Upserts the step's row for the attempt holding `fence`; NOT_FOUND for an unknown run.
 *
 * @example
 * await recordPipelineStep(ctx, id, { attempt: 1 }, { name: 'load', state: 'Completed', attempt: 1, output: { rows: 10 } });
 */
export async function recordPipelineStep(
  ctx: PipelineRunsContext,
  id: string,
  fence: RunFence,
  record: StepRecord,
): Promise<void> {
  await ctx.write(async (trx) => {
    const run = await pipelineRunRow(trx, id);
    if (Number(run.attempt) !== fence.attempt) return;
    const values = {
      state: record.state,
      attempt: record.attempt,
      started_at: record.startedAt ?? null,
      ended_at: record.endedAt ?? null,
      output: record.output === undefined ? null : JSON.stringify(record.output),
      error_code: record.error?.code ?? null,
      error_message: record.error?.message ?? null,
    };
    const existing = await trx
      .selectFrom('pipeline_run_steps')
      .select('position')
      .where('run_id', '=', id)
      .where('name', '=', record.name)
      .executeTakeFirst();
    if (existing) {
      await trx
        .updateTable('pipeline_run_steps')
        .set(values)
        .where('run_id', '=', id)
        .where('name', '=', record.name)
        .execute();
      return;
    }
    const { count } = await trx
      .selectFrom('pipeline_run_steps')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('run_id', '=', id)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('pipeline_run_steps')
      .values({ run_id: id, name: record.name, position: Number(count), ...values })
      .execute();
  });
}

/**
 * The steps of a run in the order they first ran; NOT_FOUND for an unknown run.
 *
 * @example
 * const steps = await listPipelineSteps(ctx, id);
 */
export async function listPipelineSteps(ctx: PipelineRunsContext, id: string): Promise<PipelineStepRow[]> {
  await pipelineRunRow(ctx.db, id);
  const rows = await ctx.db
    .selectFrom('pipeline_run_steps')
    .selectAll()
    .where('run_id', '=', id)
    .orderBy('position')
    .execute();
  return rows.map(pipelineStepOf);
}

/**
 * Appends a log line to a run.
 *
 * @example
 * await appendPipelineLog(ctx, id, { time: Date.now(), step: 'fit', level: 'info', message: 'tree 10/100' });
 */
export async function appendPipelineLog(
  ctx: PipelineRunsContext,
  id: string,
  entry: Omit<PipelineLogEntry, 'seq'>,
): Promise<void> {
  await ctx.db
    .insertInto('pipeline_run_logs')
    .values({
      run_id: id,
      time: entry.time,
      step: entry.step,
      level: entry.level,
      message: entry.message,
      fields: entry.fields === undefined ? null : JSON.stringify(entry.fields),
    })
    .execute();
}

/**
 * Log lines of a run in order, after `afterSeq`; NOT_FOUND for an unknown run.
 *
 * @example
 * const lines = await listPipelineLogs(ctx, id, { afterSeq: last.seq });
 */
export async function listPipelineLogs(
  ctx: PipelineRunsContext,
  id: string,
  options: { afterSeq?: number; maxResults?: number } = {},
): Promise<PipelineLogEntry[]> {
  await pipelineRunRow(ctx.db, id);
  const rows = await ctx.db
    .selectFrom('pipeline_run_logs')
    .selectAll()
    .where('run_id', '=', id)
    .where('seq', '>', options.afterSeq ?? 0)
    .orderBy('seq')
    .limit(options.maxResults ?? 1000)
    .execute();
  return rows.map(pipelineLogOf);
}
