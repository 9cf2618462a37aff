import { sql } from 'kysely';
import { AmlopsError } from '../../core/errors/index.js';
import { FINAL_STATES, type PipelineState } from '../../core/pipeline-runs/index.js';
import { decodePageToken } from '../../core/tracking/index.js';
import type { Page } from '../../ports/page.js';
import type {
  CreatePipelineRunInput,
  HeartbeatReply,
  ListPipelineRunsInput,
  PipelineRun,
  RecordedError,
  RunFence,
} from '../../ports/pipeline-run-store.js';
import { timeOrderedId } from '../ids/time-ordered-id.js';
import { paginate } from './paginate.js';
import type { PipelineRunsContext } from './pipeline-runs-context.js';
import { pipelineRunOf, pipelineRunRow } from './pipeline-runs-rows.js';

const UNFINISHED: PipelineState[] = ['Pending', 'Running', 'Retrying'];
const RETRIABLE: PipelineState[] = ['Failed', 'TimedOut', 'Cancelled', 'Crashed'];
const FINAL = [...FINAL_STATES];

/**
 * Creates a run, Pending (to run here) or Scheduled (queued), with a UUID id (pg-boss job ids are UUIDs),
 * time-ordered so that runs created in the same millisecond still list newest first.
 *
 * @example
 * const run = await createPipelineRun(ctx, { flow: 'train', params: { preset: 'original' } });
 */
export async function createPipelineRun(
  ctx: PipelineRunsContext,
  input: CreatePipelineRunInput,
): Promise<PipelineRun> {
  const id = timeOrderedId();
  await ctx.db
    .insertInto('pipeline_runs')
    .values({
      id,
      flow: input.flow,
      params: JSON.stringify(input.params ?? {}),
      state: input.state ?? 'Pending',
      created_at: ctx.now(),
      started_at: null,
      ended_at: null,
      error_code: null,
      error_message: null,
      failed_step: null,
      tracking_run_id: null,
      worker: null,
      heartbeat_at: null,
      attempt: 0,
      cancel_requested: 0,
    })
    .execute();
  return getPipelineRun(ctx, id);
}

/**
 * The run `id`; NOT_FOUND when there is none.
 *
 * @example
 * const run = await getPipelineRun(ctx, id);
 */
export async function getPipelineRun(ctx: PipelineRunsContext, id: string): Promise<PipelineRun> {
  return pipelineRunOf(await pipelineRunRow(ctx.db, id));
}

/**
 * A page of runs, newest first, optionally of one flow and in some states.
 *
 * @example
 * const page = await listPipelineRuns(ctx, { flow: 'train', states: ['Failed'] });
 */
export async function listPipelineRuns(
  ctx: PipelineRunsContext,
  input: ListPipelineRunsInput = {},
): Promise<Page<PipelineRun>> {
  const maxResults = input.maxResults ?? 100;
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 1000)
    throw new AmlopsError('USAGE', `max results must be an integer from 1 to 1000; got ${maxResults}`);
  const offset = decodePageToken(input.pageToken);
  let query = ctx.db.selectFrom('pipeline_runs').selectAll();
  if (input.flow !== undefined) query = query.where('flow', '=', input.flow);
  if (input.states !== undefined) {
    if (input.states.length === 0) return { items: [] };
    query = query.where('state', 'in', [...input.states]);
  }
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(maxResults + 1)
    .offset(offset)
    .execute();
  const page = paginate(rows, offset, maxResults);
  return { ...page, items: page.items.map(pipelineRunOf) };
}

/**
 * Gives the run to `worker` when nobody live holds it (see PipelineRunStore.claimRun); null otherwise.
 *
 * @example
 * const run = await claimPipelineRun(ctx, id, 'host-a:4242', Date.now() - 30_000);
 */
export async function claimPipelineRun(
  ctx: PipelineRunsContext,
  id: string,
  worker: string,
  staleBefore: number,
): Promise<PipelineRun | null> {
  return ctx.write(async (trx) => {
    const row = await pipelineRunRow(trx, id);
    const state = row.state as PipelineState;
    const free = (state === 'Scheduled' || state === 'Pending') && row.worker === null;
    const stale =
      UNFINISHED.includes(state) && row.heartbeat_at !== null && Number(row.heartbeat_at) < staleBefore;
    if (!(free || stale || state === 'Crashed')) return null;
    const now = ctx.now();
    // Conditional on the attempt read: of two claims racing on PostgreSQL, one wins.
    const result = await trx
      .updateTable('pipeline_runs')
      .set({
        state: 'Pending',
        worker,
        heartbeat_at: now,
        attempt: Number(row.attempt) + 1,
        ended_at: null,
        error_code: null,
        error_message: null,
        failed_step: null,
      })
      .where('id', '=', id)
      .where('attempt', '=', Number(row.attempt))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return null;
    return pipelineRunOf(await pipelineRunRow(trx, id));
  });
}

/**
 * Records the run's state for the attempt holding `fence` (other attempts' writes are dropped).
 *
 * @example
 * await setPipelineRunState(ctx, id, { attempt: 1 }, 'Failed', { error: { code: 'DATA_INVALID', message: '…' }, failedStep: 'validate' });
 */
export async function setPipelineRunState(
  ctx: PipelineRunsContext,
  id: string,
  fence: RunFence,
  state: PipelineState,
  detail: { error?: RecordedError; failedStep?: string } = {},
): Promise<void> {
  const now = ctx.now();
  const final = FINAL_STATES.has(state);
  await ctx.db
    .updateTable('pipeline_runs')
    .set({
      state,
      heartbeat_at: now,
      started_at: state === 'Running' ? sql<number>`coalesce(started_at, ${now})` : sql<number>`started_at`,
      ended_at: final ? now : null,
      ...(detail.error ? { error_code: detail.error.code, error_message: detail.error.message } : {}),
      ...(detail.failedStep !== undefined ? { failed_step: detail.failedStep } : {}),
    })
    .where('id', '=', id)
    .where('attempt', '=', fence.attempt)
    .where('state', 'not in', FINAL)
    .execute();
}

/**
 * Beats for the attempt holding `fence` and reads the cancel flag.
 *
 * @example
 * const { owned, cancelRequested } = await heartbeatPipelineRun(ctx, id, { attempt: 2 });
 */
export async function heartbeatPipelineRun(
  ctx: PipelineRunsContext,
  id: string,
  fence: RunFence,
): Promise<HeartbeatReply> {
  const result = await ctx.db
    .updateTable('pipeline_runs')
    .set({ heartbeat_at: ctx.now() })
    .where('id', '=', id)
    .where('attempt', '=', fence.attempt)
    .where('state', 'not in', FINAL)
    .executeTakeFirst();
  const row = await pipelineRunRow(ctx.db, id);
  return { owned: Number(result.numUpdatedRows) > 0, cancelRequested: Number(row.cancel_requested) === 1 };
}

/**
 * Marks Crashed the unfinished runs whose heartbeat is older than `staleBefore`, and their running steps.
 *
 * @example
 * const crashed = await markCrashedPipelineRuns(ctx, Date.now() - 30_000);
 */
export async function markCrashedPipelineRuns(
  ctx: PipelineRunsContext,
  staleBefore: number,
): Promise<PipelineRun[]> {
  return ctx.write(async (trx) => {
    const rows = await trx
      .selectFrom('pipeline_runs')
      .selectAll()
      .where('state', 'in', UNFINISHED)
      .where('heartbeat_at', '<', staleBefore)
      .execute();
    const now = ctx.now();
    const crashed: PipelineRun[] = [];
    for (const row of rows) {
      const running = await trx
        .selectFrom('pipeline_run_steps')
        .select('name')
        .where('run_id', '=', row.id)
        .where('state', 'in', ['Running', 'Retrying'])
        .executeTakeFirst();
      const message = `worker ${row.worker ?? '?'} stopped heart-beating (last beat ${new Date(Number(row.heartbeat_at)).toISOString()})`;
      // Conditional: of two workers sweeping at once on PostgreSQL, one marks (and requeues) the run.
      const marked = await trx
        .updateTable('pipeline_runs')
        .set({
          state: 'Crashed',
          ended_at: now,
          error_code: 'PIPELINE_RUN_CRASHED',
          error_message: message,
          failed_step: running?.name ?? null,
        })
        .where('id', '=', row.id)
        .where('attempt', '=', Number(row.attempt))
        .where('state', 'in', UNFINISHED)
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) === 0) continue;
      await trx
        .updateTable('pipeline_run_steps')
        .set({ state: 'Crashed', ended_at: now, error_code: 'PIPELINE_RUN_CRASHED', error_message: message })
        .where('run_id', '=', row.id)
        .where('state', 'in', ['Running', 'Retrying'])
        .execute();
      crashed.push(pipelineRunOf(await pipelineRunRow(trx, row.id)));
    }
    return crashed;
  });
}

/**
 * Makes an ended run runnable again, for a retry (see PipelineRunStore.reopenRun).
 *
 * @example
 * const run = await reopenPipelineRun(ctx, id, false);
 */
export async function reopenPipelineRun(
  ctx: PipelineRunsContext,
  id: string,
  queued: boolean,
): Promise<PipelineRun> {
  return ctx.write(async (trx) => {
    const row = await pipelineRunRow(trx, id);
    if (!RETRIABLE.includes(row.state as PipelineState))
      throw new AmlopsError(
        'PIPELINE_RUN_NOT_RETRIABLE',
        `pipeline run ${id} is ${row.state}; only a run that ended ${RETRIABLE.join(', ')} can be retried`,
        { id, state: row.state },
      );
    await trx
      .updateTable('pipeline_runs')
      .set({
        state: queued ? 'Scheduled' : 'Pending',
        ended_at: null,
        error_code: null,
        error_message: null,
        failed_step: null,
        worker: null,
        heartbeat_at: null,
        cancel_requested: 0,
      })
      .where('id', '=', id)
      .execute();
    return pipelineRunOf(await pipelineRunRow(trx, id));
  });
}

/**
 * Cancels a run nobody holds yet, or flags a held one for its worker (see PipelineRunStore.requestCancel).
 *
 * @example
 * const run = await requestPipelineRunCancel(ctx, id);
 */
export async function requestPipelineRunCancel(ctx: PipelineRunsContext, id: string): Promise<PipelineRun> {
  return ctx.write(async (trx) => {
    const row = await pipelineRunRow(trx, id);
    const state = row.state as PipelineState;
    if (FINAL_STATES.has(state)) return pipelineRunOf(row);
    const unheld = state === 'Scheduled' || (state === 'Pending' && row.worker === null);
    await trx
      .updateTable('pipeline_runs')
      .set(
        unheld
          ? {
              state: 'Cancelled',
              ended_at: ctx.now(),
              cancel_requested: 1,
              error_code: 'PIPELINE_RUN_CANCELLED',
              error_message: 'cancelled before a worker started it',
            }
          : { cancel_requested: 1 },
      )
      .where('id', '=', id)
      .execute();
    return pipelineRunOf(await pipelineRunRow(trx, id));
  });
}

/**
 * Links the run to the tracking run it logs to.
 *
 * @example
 * await linkPipelineTrackingRun(ctx, id, run.info.runId);
 */
export async function linkPipelineTrackingRun(
  ctx: PipelineRunsContext,
  id: string,
  trackingRunId: string,
): Promise<void> {
  await pipelineRunRow(ctx.db, id);
  await ctx.db
    .updateTable('pipeline_runs')
    .set({ tracking_run_id: trackingRunId })
    .where('id', '=', id)
    .execute();
}
