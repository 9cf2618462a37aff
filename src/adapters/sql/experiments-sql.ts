import type { Selectable } from 'kysely';
import { parseArtifactUri } from '../../core/artifacts/index.js';
import { AmlopsError } from '../../core/errors/index.js';
import {
  decodePageToken,
  type Experiment,
  type LifecycleStage,
  type Tag,
  TRACKING_LIMITS,
  validateEntityName,
  validateKey,
  validateMaxResults,
  validateValueLength,
} from '../../core/tracking/index.js';
import type { Page } from '../../ports/page.js';
import type { CreateExperimentInput, SearchExperimentsInput } from '../../ports/tracking-store.js';
import type { Database } from './database.js';
import { experimentKey } from './experiment-id.js';
import { filterSql, orderSql } from './filter-sql.js';
import { lifecycleStages } from './lifecycle-stages.js';
import { paginate } from './paginate.js';
import { experimentSearchTarget } from './search-targets.js';
import type { SqlStoreContext } from './sql-store-context.js';

type ExperimentRow = Selectable<Database['experiments']>;

async function withTags(ctx: SqlStoreContext, rows: readonly ExperimentRow[]): Promise<Experiment[]> {
  if (rows.length === 0) return [];
  const tagRows = await ctx.db
    .selectFrom('experiment_tags')
    .selectAll()
    .where(
      'experiment_id',
      'in',
      rows.map((r) => r.experiment_id),
    )
    .orderBy('key')
    .execute();
  return rows.map((row) => ({
    experimentId: String(row.experiment_id),
    name: row.name,
    artifactLocation: row.artifact_location,
    lifecycleStage: row.lifecycle_stage as LifecycleStage,
    creationTime: Number(row.creation_time),
    lastUpdateTime: Number(row.last_update_time),
    tags: tagRows
      .filter((t) => t.experiment_id === row.experiment_id)
      .map((t) => ({ key: t.key, value: t.value })),
  }));
}

function checkTag(tag: Tag): void {
  validateKey('tag', tag.key);
  validateValueLength('experiment tag', tag.key, tag.value, TRACKING_LIMITS.maxExperimentTagValueLength);
}

/**
 * The experiment with that id; NOT_FOUND when there is none.
 *
 * @example
 * const experiment = await getExperiment(ctx, '1');
 */
export async function getExperiment(ctx: SqlStoreContext, experimentId: string): Promise<Experiment> {
  const row = await ctx.db
    .selectFrom('experiments')
    .selectAll()
    .where('experiment_id', '=', experimentKey(experimentId))
    .executeTakeFirst();
  if (!row) throw new AmlopsError('NOT_FOUND', `no experiment with id '${experimentId}'`);
  return (await withTags(ctx, [row]))[0]!;
}

/**
 * The experiment with that name, or null.
 *
 * @example
 * const experiment = await getExperimentByName(ctx, 'consumers-laundering-model');
 */
export async function getExperimentByName(ctx: SqlStoreContext, name: string): Promise<Experiment | null> {
  const row = await ctx.db.selectFrom('experiments').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? (await withTags(ctx, [row]))[0]! : null;
}

/**
 * Creates an experiment; its default artifact location is `<root>/<id>`.
 *
 * @example
 * const id = await createExperiment(ctx, { name: 'consumers-laundering-model' }); // '1'
 */
export async function createExperiment(ctx: SqlStoreContext, input: CreateExperimentInput): Promise<string> {
  validateEntityName('experiment', input.name);
  if (input.artifactLocation !== undefined) parseArtifactUri(input.artifactLocation);
  for (const tag of input.tags ?? []) checkTag(tag);
  const now = ctx.now();
  try {
    return await ctx.flavor.writeTransaction(ctx.db, async (trx) => {
      const { experiment_id } = await trx
        .insertInto('experiments')
        .values({
          name: input.name,
          artifact_location: input.artifactLocation ?? '',
          lifecycle_stage: 'active',
          creation_time: now,
          last_update_time: now,
        })
        .returning('experiment_id')
        .executeTakeFirstOrThrow();
      if (input.artifactLocation === undefined)
        await trx
          .updateTable('experiments')
          .set({ artifact_location: `${ctx.artifactRoot.replace(/\/+$/, '')}/${experiment_id}` })
          .where('experiment_id', '=', experiment_id)
          .execute();
      for (const tag of input.tags ?? [])
        await trx
          .insertInto('experiment_tags')
          .values({ experiment_id, key: tag.key, value: tag.value })
          .execute();
      return String(experiment_id);
    });
  } catch (error) {
    if (ctx.flavor.isUniqueViolation(error))
      throw new AmlopsError('RESOURCE_ALREADY_EXISTS', `an experiment named '${input.name}' already exists`);
    throw error;
  }
}

/**
 * Creates experiment 0, `Default`, when missing, as MLflow does.
 *
 * @example
 * await ensureDefaultExperiment(ctx);
 */
export async function ensureDefaultExperiment(ctx: SqlStoreContext): Promise<void> {
  const now = ctx.now();
  await ctx.db
    .insertInto('experiments')
    .values({
      experiment_id: 0,
      name: 'Default',
      artifact_location: `${ctx.artifactRoot.replace(/\/+$/, '')}/0`,
      lifecycle_stage: 'active',
      creation_time: now,
      last_update_time: now,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * A page of experiments matching the filter.
 *
 * @example
 * const page = await searchExperiments(ctx, { filter: parseSearchFilter("name LIKE 'cons%'", EXPERIMENT_SEARCH_SCHEMA) });
 */
export async function searchExperiments(
  ctx: SqlStoreContext,
  input: SearchExperimentsInput = {},
): Promise<Page<Experiment>> {
  const maxResults = input.maxResults ?? TRACKING_LIMITS.defaultMaxResults;
  validateMaxResults(maxResults, TRACKING_LIMITS.maxResultsSearchRuns);
  const offset = decodePageToken(input.pageToken);
  let query = ctx.db
    .selectFrom('experiments')
    .selectAll()
    .where('lifecycle_stage', 'in', lifecycleStages(input.viewType))
    .where(filterSql(experimentSearchTarget, input.filter));
  for (const order of orderSql(experimentSearchTarget, input.orderBy ?? [])) query = query.orderBy(order);
  const rows = await query
    .orderBy('experiment_id', 'asc')
    .limit(maxResults + 1)
    .offset(offset)
    .execute();
  const page = paginate(rows, offset, maxResults);
  return { ...page, items: await withTags(ctx, page.items) };
}

async function touch(
  ctx: SqlStoreContext,
  experimentId: string,
  set: Partial<{ name: string; lifecycle_stage: LifecycleStage }>,
): Promise<void> {
  const result = await ctx.db
    .updateTable('experiments')
    .set({ ...set, last_update_time: ctx.now() })
    .where('experiment_id', '=', experimentKey(experimentId))
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n)
    throw new AmlopsError('NOT_FOUND', `no experiment with id '${experimentId}'`);
}

/**
 * Renames an experiment; RESOURCE_ALREADY_EXISTS when the name is taken.
 *
 * @example
 * await renameExperiment(ctx, '1', 'consumers-laundering-model-v2');
 */
export async function renameExperiment(
  ctx: SqlStoreContext,
  experimentId: string,
  newName: string,
): Promise<void> {
  validateEntityName('experiment', newName);
  const experiment = await getExperiment(ctx, experimentId);
  if (experiment.lifecycleStage !== 'active')
    throw new AmlopsError(
      'INVALID_STATE',
      `experiment '${experimentId}' is deleted; restore it before renaming`,
    );
  try {
    await touch(ctx, experimentId, { name: newName });
  } catch (error) {
    if (ctx.flavor.isUniqueViolation(error))
      throw new AmlopsError('RESOURCE_ALREADY_EXISTS', `an experiment named '${newName}' already exists`);
    throw error;
  }
}

/**
 * Deletes (softly) or restores an experiment, with the runs deleted along with it.
 *
 * @example
 * await setExperimentStage(ctx, '1', 'deleted');
 */
export async function setExperimentStage(
  ctx: SqlStoreContext,
  experimentId: string,
  stage: LifecycleStage,
): Promise<void> {
  if (experimentId === '0' && stage === 'deleted')
    throw new AmlopsError('INVALID_STATE', 'the default experiment cannot be deleted');
  const key = experimentKey(experimentId);
  const now = ctx.now();
  await ctx.flavor.writeTransaction(ctx.db, async (trx) => {
    const row = await trx
      .selectFrom('experiments')
      .selectAll()
      .where('experiment_id', '=', key)
      .executeTakeFirst();
    if (!row) throw new AmlopsError('NOT_FOUND', `no experiment with id '${experimentId}'`);
    if (row.lifecycle_stage === stage)
      throw new AmlopsError('INVALID_STATE', `experiment '${experimentId}' is already ${stage}`);
    await trx
      .updateTable('experiments')
      .set({ lifecycle_stage: stage, last_update_time: now })
      .where('experiment_id', '=', key)
      .execute();
    if (stage === 'deleted')
      await trx
        .updateTable('runs')
        .set({ lifecycle_stage: 'deleted', deleted_time: now, deleted_with_experiment: 1 })
        .where('experiment_id', '=', key)
        .where('lifecycle_stage', '=', 'active')
        .execute();
    else
      await trx
        .updateTable('runs')
        .set({ lifecycle_stage: 'active', deleted_time: null, deleted_with_experiment: 0 })
        .where('experiment_id', '=', key)
        .where('deleted_with_experiment', '=', 1)
        .execute();
  });
}

/**
 * Sets (inserts or replaces) an experiment tag.
 *
 * @example
 * await setExperimentTag(ctx, '1', { key: 'team', value: 'risk' });
 */
export async function setExperimentTag(ctx: SqlStoreContext, experimentId: string, tag: Tag): Promise<void> {
  checkTag(tag);
  const experiment = await getExperiment(ctx, experimentId);
  if (experiment.lifecycleStage !== 'active')
    throw new AmlopsError('INVALID_STATE', `experiment '${experimentId}' is deleted`);
  await ctx.db
    .insertInto('experiment_tags')
    .values({ experiment_id: experimentKey(experimentId), key: tag.key, value: tag.value })
    .onConflict((oc) => oc.columns(['experiment_id', 'key']).doUpdateSet({ value: tag.value }))
    .execute();
}
