import type { Kysely, Selectable } from 'kysely';
import { AmlopsError } from '../../core/errors/index.js';
import {
  decodePageToken,
  MODEL_STAGES,
  type ModelStage,
  type ModelVersion,
  type RegisteredModel,
  type Tag,
  TRACKING_LIMITS,
  validateEntityName,
  validateKey,
  validateMaxResults,
  validateValueLength,
} from '../../core/tracking/index.js';
import type { CreateRegisteredModelInput, SearchRegistryInput } from '../../ports/model-registry.js';
import type { Page } from '../../ports/page.js';
import type { Database } from './database.js';
import { filterSql, orderSql } from './filter-sql.js';
import { loadModelVersions } from './model-version-rows.js';
import { paginate } from './paginate.js';
import { registeredModelSearchTarget } from './search-targets.js';
import type { SqlStoreContext } from './sql-store-context.js';

type ModelRow = Selectable<Database['registered_models']>;

/** Tables keyed by a registered model's name, renamed or deleted with it. */
const CHILD_TABLES = [
  'registered_model_tags',
  'registered_model_aliases',
  'model_versions',
  'model_version_tags',
] as const;

function checkTag(tag: Tag): void {
  validateKey('tag', tag.key);
  validateValueLength(
    'registered model tag',
    tag.key,
    tag.value,
    TRACKING_LIMITS.maxModelRegistryTagValueLength,
  );
}

/**
 * The registered model row; NOT_FOUND when absent.
 *
 * @example
 * const row = await modelRow(db, 'consumers-laundering-model');
 */
export async function modelRow(db: Kysely<Database>, name: string): Promise<ModelRow> {
  const row = await db
    .selectFrom('registered_models')
    .selectAll()
    .where('name', '=', String(name))
    .executeTakeFirst();
  if (!row) throw new AmlopsError('NOT_FOUND', `no registered model named '${name}'`);
  return row;
}

/**
 * Per stage, the highest version in it (all stages when `stages` is empty).
 *
 * @example
 * const [production] = await getLatestVersions(ctx, 'consumers-laundering-model', ['Production']);
 */
export async function getLatestVersions(
  ctx: SqlStoreContext,
  name: string,
  stages: readonly ModelStage[] = [],
): Promise<ModelVersion[]> {
  await modelRow(ctx.db, name);
  const wanted = stages.length === 0 ? MODEL_STAGES : stages;
  const rows = await ctx.db
    .selectFrom('model_versions')
    .selectAll()
    .where('name', '=', name)
    .orderBy('version', 'desc')
    .execute();
  const latest = wanted.flatMap((stage) => rows.find((r) => r.current_stage === stage) ?? []);
  return loadModelVersions(
    ctx.db,
    latest.sort((a, b) => Number(a.version) - Number(b.version)),
  );
}

async function hydrate(ctx: SqlStoreContext, rows: readonly ModelRow[]): Promise<RegisteredModel[]> {
  if (rows.length === 0) return [];
  const names = rows.map((r) => r.name);
  const [tags, aliases] = await Promise.all([
    ctx.db
      .selectFrom('registered_model_tags')
      .selectAll()
      .where('name', 'in', names)
      .orderBy('key')
      .execute(),
    ctx.db
      .selectFrom('registered_model_aliases')
      .selectAll()
      .where('name', 'in', names)
      .orderBy('alias')
      .execute(),
  ]);
  return Promise.all(
    rows.map(async (row) => ({
      name: row.name,
      creationTime: Number(row.creation_time),
      lastUpdatedTime: Number(row.last_updated_time),
      description: row.description,
      tags: tags.filter((t) => t.name === row.name).map((t) => ({ key: t.key, value: t.value })),
      aliases: aliases
        .filter((a) => a.name === row.name)
        .map((a) => ({ alias: a.alias, version: String(a.version) })),
      latestVersions: await getLatestVersions(ctx, row.name),
    })),
  );
}

/**
 * The registered model with its tags, aliases and latest version per stage.
 *
 * @example
 * const model = await getRegisteredModel(ctx, 'consumers-laundering-model');
 */
export async function getRegisteredModel(ctx: SqlStoreContext, name: string): Promise<RegisteredModel> {
  return (await hydrate(ctx, [await modelRow(ctx.db, name)]))[0]!;
}

/**
 * Creates a registered model; RESOURCE_ALREADY_EXISTS when the name is taken.
 *
 * @example
 * await createRegisteredModel(ctx, { name: 'consumers-laundering-model' });
 */
export async function createRegisteredModel(
  ctx: SqlStoreContext,
  input: CreateRegisteredModelInput,
): Promise<RegisteredModel> {
  validateEntityName('registered model', input.name);
  for (const tag of input.tags ?? []) checkTag(tag);
  const now = ctx.now();
  try {
    await ctx.flavor.writeTransaction(ctx.db, async (trx) => {
      await trx
        .insertInto('registered_models')
        .values({
          name: input.name,
          creation_time: now,
          last_updated_time: now,
          description: input.description ?? '',
        })
        .execute();
      for (const tag of input.tags ?? [])
        await trx
          .insertInto('registered_model_tags')
          .values({ name: input.name, key: tag.key, value: tag.value })
          .execute();
    });
  } catch (error) {
    if (ctx.flavor.isUniqueViolation(error))
      throw new AmlopsError(
        'RESOURCE_ALREADY_EXISTS',
        `a registered model named '${input.name}' already exists`,
      );
    throw error;
  }
  return getRegisteredModel(ctx, input.name);
}

/**
 * A page of registered models matching the filter, by name unless ordered otherwise.
 *
 * @example
 * const page = await searchRegisteredModels(ctx, { maxResults: 10 });
 */
export async function searchRegisteredModels(
  ctx: SqlStoreContext,
  input: SearchRegistryInput = {},
): Promise<Page<RegisteredModel>> {
  const maxResults = input.maxResults ?? 100;
  validateMaxResults(maxResults, TRACKING_LIMITS.maxResultsSearchModels);
  const offset = decodePageToken(input.pageToken);
  let query = ctx.db
    .selectFrom('registered_models')
    .selectAll()
    .where(filterSql(registeredModelSearchTarget, input.filter));
  for (const order of orderSql(registeredModelSearchTarget, input.orderBy ?? []))
    query = query.orderBy(order);
  const rows = await query
    .orderBy('name', 'asc')
    .limit(maxResults + 1)
    .offset(offset)
    .execute();
  const page = paginate(rows, offset, maxResults);
  return { ...page, items: await hydrate(ctx, page.items) };
}

/**
 * Renames a model and everything keyed by its name, in one transaction.
 *
 * @example
 * await renameRegisteredModel(ctx, 'old-name', 'consumers-laundering-model');
 */
export async function renameRegisteredModel(
  ctx: SqlStoreContext,
  name: string,
  newName: string,
): Promise<RegisteredModel> {
  validateEntityName('registered model', newName);
  await ctx.flavor.writeTransaction(ctx.db, async (trx) => {
    await modelRow(trx, name);
    const taken = await trx
      .selectFrom('registered_models')
      .select('name')
      .where('name', '=', newName)
      .executeTakeFirst();
    if (taken)
      throw new AmlopsError(
        'RESOURCE_ALREADY_EXISTS',
        `a registered model named '${newName}' already exists`,
      );
    await trx
      .updateTable('registered_models')
      .set({ name: newName, last_updated_time: ctx.now() })
      .where('name', '=', name)
      .execute();
    for (const table of CHILD_TABLES)
      await trx.updateTable(table).set({ name: newName }).where('name', '=', name).execute();
  });
  return getRegisteredModel(ctx, newName);
}

/**
 * Changes a model's description.
 *
 * @example
 * await updateRegisteredModel(ctx, 'consumers-laundering-model', { description: 'AML risk' });
 */
export async function updateRegisteredModel(
  ctx: SqlStoreContext,
  name: string,
  input: { readonly description?: string },
): Promise<RegisteredModel> {
  await modelRow(ctx.db, name);
  await ctx.db
    .updateTable('registered_models')
    .set({
      last_updated_time: ctx.now(),
      ...(input.description === undefined ? {} : { description: input.description }),
    })
    .where('name', '=', name)
    .execute();
  return getRegisteredModel(ctx, name);
}

/**
 * Deletes a model with its versions, tags and aliases.
 *
 * @example
 * await deleteRegisteredModel(ctx, 'consumers-laundering-model');
 */
export async function deleteRegisteredModel(ctx: SqlStoreContext, name: string): Promise<void> {
  await ctx.flavor.writeTransaction(ctx.db, async (trx) => {
    await modelRow(trx, name);
    for (const table of CHILD_TABLES) await trx.deleteFrom(table).where('name', '=', name).execute();
    await trx.deleteFrom('registered_models').where('name', '=', name).execute();
  });
}

/**
 * Sets (inserts or replaces) a registered model tag.
 *
 * @example
 * await setRegisteredModelTag(ctx, 'consumers-laundering-model', { key: 'owner', value: 'risk' });
 */
export async function setRegisteredModelTag(ctx: SqlStoreContext, name: string, tag: Tag): Promise<void> {
  checkTag(tag);
  await modelRow(ctx.db, name);
  await ctx.db
    .insertInto('registered_model_tags')
    .values({ name, key: tag.key, value: tag.value })
    .onConflict((oc) => oc.columns(['name', 'key']).doUpdateSet({ value: tag.value }))
    .execute();
}

/**
 * Removes a registered model tag; NOT_FOUND when absent.
 *
 * @example
 * await deleteRegisteredModelTag(ctx, 'consumers-laundering-model', 'owner');
 */
export async function deleteRegisteredModelTag(
  ctx: SqlStoreContext,
  name: string,
  key: string,
): Promise<void> {
  await modelRow(ctx.db, name);
  const result = await ctx.db
    .deleteFrom('registered_model_tags')
    .where('name', '=', name)
    .where('key', '=', key)
    .executeTakeFirst();
  if (result.numDeletedRows === 0n)
    throw new AmlopsError('NOT_FOUND', `registered model '${name}' has no tag '${key}'`);
}
