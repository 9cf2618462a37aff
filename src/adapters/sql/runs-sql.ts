import { randomUUID } from 'node:crypto';
import { AmlopsError } from '../../core/errors/index.js';
import {
  decodePageToken,
  isTerminalRunStatus,
  RUN_STATUSES,
  type Run,
  type RunInfo,
  TRACKING_LIMITS,
  validateKey,
  validateMaxResults,
  validateValueLength,
} from '../../core/tracking/index.js';
import type { Page } from '../../ports/page.js';
import type { CreateRunInput, SearchRunsInput, UpdateRunInput } from '../../ports/tracking-store.js';
import { experimentKey } from './experiment-id.js';
import { filterSql, orderSql } from './filter-sql.js';
import { lifecycleStages } from './lifecycle-stages.js';
import { paginate } from './paginate.js';
import { loadRuns, runInfoOf, runRow } from './run-rows.js';
import { runSearchTarget } from './search-targets.js';
import type { SqlStoreContext } from './sql-store-context.js';

const RUN_NAME_TAG = 'mlflow.runName';
const USER_TAG = 'mlflow.user';

/**
 * Creates a RUNNING run in an active experiment; its artifacts go to `<experiment location>/<run id>/artifacts`.
 *
 * @example
 * const run = await createRun(ctx, { experimentId: '1', runName: 'nightly' });
 */
export async function createRun(ctx: SqlStoreContext, input: CreateRunInput): Promise<Run> {
  const tags = [...(input.tags ?? [])];
  for (const tag of tags) {
    validateKey('tag', tag.key);
    validateValueLength('tag', tag.key, tag.value, TRACKING_LIMITS.maxTagValueLength);
  }
  const runId = randomUUID().replace(/-/g, '');
  const runName =
    input.runName || tags.find((t) => t.key === RUN_NAME_TAG)?.value || `run-${runId.slice(0, 8)}`;
  const userId = input.userId ?? tags.find((t) => t.key === USER_TAG)?.value ?? '';
  const byKey = new Map(tags.map((t) => [t.key, t.value]));
  byKey.set(RUN_NAME_TAG, runName);
  const experimentId = experimentKey(input.experimentId);
  await ctx.flavor.writeTransaction(ctx.db, async (trx) => {
    const experiment = await trx
      .selectFrom('experiments')
      .select(['artifact_location', 'lifecycle_stage'])
      .where('experiment_id', '=', experimentId)
      .executeTakeFirst();
    if (!experiment) throw new AmlopsError('NOT_FOUND', `no experiment with id '${input.experimentId}'`);
    if (experiment.lifecycle_stage !== 'active')
      throw new AmlopsError('INVALID_STATE', `experiment '${input.experimentId}' is deleted`);
    await trx
      .insertInto('runs')
      .values({
        run_uuid: runId,
        name: runName,
        experiment_id: experimentId,
        user_id: userId,
        status: 'RUNNING',
        start_time: input.startTime ?? ctx.now(),
        end_time: null,
        lifecycle_stage: 'active',
        artifact_uri: `${experiment.artifact_location.replace(/\/+$/, '')}/${runId}/artifacts`,
        deleted_time: null,
      })
      .execute();
    const rows = [...byKey].map(([key, value]) => ({ run_uuid: runId, key, value }));
    await trx.insertInto('tags').values(rows).execute();
  });
  return getRun(ctx, runId);
}

/**
 * The run with its latest metrics, params and tags.
 *
 * @example
 * const run = await getRun(ctx, runId);
 */
export async function getRun(ctx: SqlStoreContext, runId: string): Promise<Run> {
  return (await loadRuns(ctx.db, [await runRow(ctx.db, runId, false)]))[0]!;
}

/**
 * Changes a run's status, end time or name. A final status without an end time ends it now.
 *
 * @example
 * await updateRun(ctx, runId, { status: 'FINISHED' });
 */
export async function updateRun(
  ctx: SqlStoreContext,
  runId: string,
  input: UpdateRunInput,
): Promise<RunInfo> {
  if (input.status !== undefined && !RUN_STATUSES.includes(input.status))
    throw new AmlopsError(
      'USAGE',
      `invalid run status '${input.status}'; expected one of ${RUN_STATUSES.join(', ')}`,
    );
  if (input.endTime !== undefined && !Number.isSafeInteger(input.endTime))
    throw new AmlopsError('USAGE', 'end_time must be an integer number of milliseconds');
  if (input.runName !== undefined)
    validateValueLength('run', 'run_name', input.runName, TRACKING_LIMITS.maxTagValueLength);
  return ctx.flavor.writeTransaction(ctx.db, async (trx) => {
    const row = await runRow(trx, runId, true);
    let endTime = input.endTime ?? row.end_time;
    if (input.status !== undefined && isTerminalRunStatus(input.status) && endTime === null)
      endTime = ctx.now();
    if (input.status === 'RUNNING' && input.endTime === undefined) endTime = null;
    await trx
      .updateTable('runs')
      .set({ status: input.status ?? row.status, end_time: endTime, name: input.runName || row.name })
      .where('run_uuid', '=', runId)
      .execute();
    if (input.runName)
      await trx
        .insertInto('tags')
        .values({ run_uuid: runId, key: RUN_NAME_TAG, value: input.runName })
        .onConflict((oc) => oc.columns(['run_uuid', 'key']).doUpdateSet({ value: input.runName! }))
        .execute();
    return runInfoOf(await runRow(trx, runId, false));
  });
}

/**
 * Soft-deletes (`deleted`) or restores (`active`) a run.
 *
 * @example
 * await setRunStage(ctx, runId, 'deleted');
 */
export async function setRunStage(
  ctx: SqlStoreContext,
  runId: string,
  stage: 'active' | 'deleted',
): Promise<void> {
  await ctx.flavor.writeTransaction(ctx.db, async (trx) => {
    await runRow(trx, runId, false);
    await trx
      .updateTable('runs')
      .set({
        lifecycle_stage: stage,
        deleted_time: stage === 'deleted' ? ctx.now() : null,
        deleted_with_experiment: 0,
      })
      .where('run_uuid', '=', runId)
      .execute();
  });
}

/**
 * A page of runs of the given experiments matching the parsed filter, in the parsed order.
 *
 * @example
 * const page = await searchRuns(ctx, { experimentIds: ['1'], filter: parseSearchFilter('metrics.auc > 0.9', RUN_SEARCH_SCHEMA) });
 */
export async function searchRuns(ctx: SqlStoreContext, input: SearchRunsInput): Promise<Page<Run>> {
  const maxResults = input.maxResults ?? TRACKING_LIMITS.defaultMaxResults;
  validateMaxResults(maxResults, TRACKING_LIMITS.maxResultsSearchRuns);
  const offset = decodePageToken(input.pageToken);
  const experimentIds = input.experimentIds.map(experimentKey);
  if (experimentIds.length === 0) return { items: [] };
  let query = ctx.db
    .selectFrom('runs')
    .selectAll()
    .where('experiment_id', 'in', experimentIds)
    .where('lifecycle_stage', 'in', lifecycleStages(input.viewType))
    .where(filterSql(runSearchTarget, input.filter));
  for (const order of orderSql(runSearchTarget, input.orderBy ?? [])) query = query.orderBy(order);
  const rows = await query
    .orderBy('start_time', 'desc')
    .orderBy('run_uuid', 'asc')
    .limit(maxResults + 1)
    .offset(offset)
    .execute();
  const page = paginate(rows, offset, maxResults);
  return { ...page, items: await loadRuns(ctx.db, page.items) };
}
