import { normalizeArtifactPath } from '../../core/artifacts/index.js';
import { AmlopsError } from '../../core/errors/index.js';
import {
  decodePageToken,
  type ModelStage,
  type ModelVersion,
  type Tag,
  TRACKING_LIMITS,
  validateKey,
  validateMaxResults,
  validateValueLength,
} from '../../core/tracking/index.js';
import type { ArtifactStore } from '../../ports/artifact-store.js';
import type {
  CreateModelVersionInput,
  RegistrationOptions,
  SearchRegistryInput,
  UpdateModelVersionInput,
} from '../../ports/model-registry.js';
import type { Page } from '../../ports/page.js';
import { filterSql, orderSql } from './filter-sql.js';
import { loadModelVersions, modelVersionRow, versionNumber } from './model-version-rows.js';
import { paginate } from './paginate.js';
import { resolveVersionSource } from './resolve-version-source.js';
import { modelVersionSearchTarget } from './search-targets.js';
import type { SqlStoreContext } from './sql-store-context.js';

function checkTag(tag: Tag): void {
  validateKey('tag', tag.key);
  validateValueLength(
    'model version tag',
    tag.key,
    tag.value,
    TRACKING_LIMITS.maxModelRegistryTagValueLength,
  );
}

/**
 * The model version with its tags and aliases.
 *
 * @example
 * const version = await getModelVersion(ctx, 'consumers-laundering-model', '3');
 */
export async function getModelVersion(
  ctx: SqlStoreContext,
  name: string,
  version: string,
): Promise<ModelVersion> {
  return (await loadModelVersions(ctx.db, [await modelVersionRow(ctx.db, name, version)]))[0]!;
}

async function insertPending(
  ctx: SqlStoreContext,
  input: CreateModelVersionInput,
  source: string,
  runId: string,
): Promise<string> {
  const now = ctx.now();
  return ctx.flavor.writeTransaction(ctx.db, async (trx) => {
    // Updating the parent row first locks it (PostgreSQL), so concurrent registrations number in turn.
    const touched = await trx
      .updateTable('registered_models')
      .set({ last_updated_time: now })
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (touched.numUpdatedRows === 0n)
      throw new AmlopsError('NOT_FOUND', `no registered model named '${input.name}'`);
    const { max } = await trx
      .selectFrom('model_versions')
      .select((eb) => eb.fn.max('version').as('max'))
      .where('name', '=', input.name)
      .executeTakeFirstOrThrow();
    const version = Number(max ?? 0) + 1;
    await trx
      .insertInto('model_versions')
      .values({
        name: input.name,
        version,
        creation_time: now,
        last_updated_time: now,
        description: input.description ?? '',
        user_id: input.userId ?? '',
        current_stage: 'None',
        source,
        run_id: runId,
        run_link: input.runLink ?? '',
        status: 'PENDING_REGISTRATION',
        status_message: '',
      })
      .execute();
    for (const tag of input.tags ?? [])
      await trx
        .insertInto('model_version_tags')
        .values({ name: input.name, version, key: tag.key, value: tag.value })
        .execute();
    return String(version);
  });
}

async function verifyFiles(store: ArtifactStore, required: readonly string[] | undefined): Promise<void> {
  const listed = new Set((await store.listFiles()).map((f) => f.path));
  if (required === undefined || required.length === 0) {
    if (listed.size === 0)
      throw new AmlopsError('INVALID_STATE', `no files at model version source '${store.rootUri}'`);
    return;
  }
  const missing = required.map(normalizeArtifactPath).filter((path) => !listed.has(path));
  if (missing.length > 0)
    throw new AmlopsError(
      'INVALID_STATE',
      `model version files missing at '${store.rootUri}': ${missing.join(', ')}`,
      {
        missing,
      },
    );
}

/**
 * Registers a version in two committed steps: PENDING_REGISTRATION first, READY only after its
 * files are written (by `options.writeArtifacts`) and listed at the source. On failure the version
 * becomes FAILED_REGISTRATION and the error is rethrown; after a crash it stays PENDING_REGISTRATION.
 *
 * @example
 * const v = await createModelVersion(ctx, openArtifactStore, { name, source: `runs:/${runId}/model`, runId },
 *   { writeArtifacts: (pending) => openArtifactStore(pending.source).put('model.json', json), requiredFiles: ['model.json'] });
 */
export async function createModelVersion(
  ctx: SqlStoreContext,
  openArtifacts: (uri: string) => ArtifactStore,
  input: CreateModelVersionInput,
  options: RegistrationOptions = {},
): Promise<ModelVersion> {
  for (const tag of input.tags ?? []) checkTag(tag);
  const resolved = await resolveVersionSource(ctx, input.source, input.runId || undefined);
  const version = await insertPending(ctx, input, resolved.source, resolved.runId);
  try {
    if (options.writeArtifacts) await options.writeArtifacts(await getModelVersion(ctx, input.name, version));
    await verifyFiles(openArtifacts(resolved.source), options.requiredFiles);
    if (options.verify) await options.verify(await getModelVersion(ctx, input.name, version));
    const ready = await ctx.db
      .updateTable('model_versions')
      .set({ status: 'READY', last_updated_time: ctx.now() })
      .where('name', '=', input.name)
      .where('version', '=', Number(version))
      .where('status', '=', 'PENDING_REGISTRATION')
      .executeTakeFirst();
    if (ready.numUpdatedRows === 0n)
      throw new AmlopsError(
        'INVALID_STATE',
        `model version ${input.name}/${version} is no longer pending registration`,
      );
  } catch (error) {
    await ctx.db
      .updateTable('model_versions')
      .set({
        status: 'FAILED_REGISTRATION',
        status_message: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
        last_updated_time: ctx.now(),
      })
      .where('name', '=', input.name)
      .where('version', '=', Number(version))
      .where('status', '=', 'PENDING_REGISTRATION')
      .execute();
    throw error;
  }
  return getModelVersion(ctx, input.name, version);
}

/**
 * A page of model versions matching the filter; by name, then newest version first.
 *
 * @example
 * const page = await searchModelVersions(ctx, { filter: parseSearchFilter("name = 'm'", MODEL_VERSION_SEARCH_SCHEMA) });
 */
export async function searchModelVersions(
  ctx: SqlStoreContext,
  input: SearchRegistryInput = {},
): Promise<Page<ModelVersion>> {
  const maxResults = input.maxResults ?? TRACKING_LIMITS.defaultMaxResults;
  validateMaxResults(maxResults, TRACKING_LIMITS.maxResultsSearchRuns);
  const offset = decodePageToken(input.pageToken);
  let query = ctx.db
    .selectFrom('model_versions')
    .selectAll()
    .where(filterSql(modelVersionSearchTarget, input.filter));
  for (const order of orderSql(modelVersionSearchTarget, input.orderBy ?? [])) query = query.orderBy(order);
  const rows = await query
    .orderBy('name', 'asc')
    .orderBy('version', 'desc')
    .limit(maxResults + 1)
    .offset(offset)
    .execute();
  const page = paginate(rows, offset, maxResults);
  return { ...page, items: await loadModelVersions(ctx.db, page.items) };
}

/**
 * Changes a version's description.
 *
 * @example
 * await updateModelVersion(ctx, 'consumers-laundering-model', '3', { description: 'retrained' });
 */
export async function updateModelVersion(
  ctx: SqlStoreContext,
  name: string,
  version: string,
  input: UpdateModelVersionInput,
): Promise<ModelVersion> {
  await modelVersionRow(ctx.db, name, version);
  await ctx.db
    .updateTable('model_versions')
    .set({
      last_updated_time: ctx.now(),
      ...(input.description === undefined ? {} : { description: input.description }),
    })
    .where('name', '=', name)
    .where('version', '=', versionNumber(version))
    .execute();
  return getModelVersion(ctx, name, version);
}

/**
 * Moves a READY version to a stage; with `archiveExisting`, the others in that stage become Archived.
 *
 * @example
 * await transitionModelVersionStage(ctx, 'consumers-laundering-model', '3', 'Production', true);
 */
export async function transitionModelVersionStage(
  ctx: SqlStoreContext,
  name: string,
  version: string,
  stage: ModelStage,
  archiveExisting: boolean,
): Promise<ModelVersion> {
  if (archiveExisting && stage !== 'Staging' && stage !== 'Production')
    throw new AmlopsError(
      'USAGE',
      `archive_existing_versions applies only to Staging and Production, not '${stage}'`,
    );
  const now = ctx.now();
  await ctx.flavor.writeTransaction(ctx.db, async (trx) => {
    const row = await modelVersionRow(trx, name, version);
    if (row.status !== 'READY')
      throw new AmlopsError(
        'INVALID_STATE',
        `model version ${name}/${version} is ${row.status}; only READY versions change stage`,
      );
    if (archiveExisting)
      await trx
        .updateTable('model_versions')
        .set({ current_stage: 'Archived', last_updated_time: now })
        .where('name', '=', name)
        .where('current_stage', '=', stage)
        .where('version', '!=', row.version)
        .execute();
    await trx
      .updateTable('model_versions')
      .set({ current_stage: stage, last_updated_time: now })
      .where('name', '=', name)
      .where('version', '=', row.version)
      .execute();
  });
  return getModelVersion(ctx, name, version);
}

/**
 * Deletes a version with its tags and the aliases pointing to it.
 *
 * @example
 * await deleteModelVersion(ctx, 'consumers-laundering-model', '1');
 */
export async function deleteModelVersion(ctx: SqlStoreContext, name: string, version: string): Promise<void> {
  await ctx.flavor.writeTransaction(ctx.db, async (trx) => {
    const row = await modelVersionRow(trx, name, version);
    for (const table of ['model_version_tags', 'registered_model_aliases', 'model_versions'] as const)
      await trx.deleteFrom(table).where('name', '=', name).where('version', '=', row.version).execute();
  });
}

/**
 * Sets or removes (`value` undefined) a model version tag.
 *
 * @example
 * await setModelVersionTag(ctx, 'consumers-laundering-model', '3', 'gate', 'passed');
 */
export async function setModelVersionTag(
  ctx: SqlStoreContext,
  name: string,
  version: string,
  key: string,
  value: string | undefined,
): Promise<void> {
  const row = await modelVersionRow(ctx.db, name, version);
  if (value === undefined) {
    const result = await ctx.db
      .deleteFrom('model_version_tags')
      .where('name', '=', name)
      .where('version', '=', row.version)
      .where('key', '=', key)
      .executeTakeFirst();
    if (result.numDeletedRows === 0n)
      throw new AmlopsError('NOT_FOUND', `model version ${name}/${version} has no tag '${key}'`);
    return;
  }
  checkTag({ key, value });
  await ctx.db
    .insertInto('model_version_tags')
    .values({ name, version: row.version, key, value })
    .onConflict((oc) => oc.columns(['name', 'version', 'key']).doUpdateSet({ value }))
    .execute();
}

/**
 * Marks versions pending for longer than `olderThanMs` (a crashed registration) FAILED_REGISTRATION.
 *
 * @example
 * await failStalePendingVersions(ctx, 60 * 60 * 1000); // pending for over an hour
 */
/** Versions of tracking run `runId` left PENDING_REGISTRATION become FAILED_REGISTRATION with `reason`. */
export async function failPendingVersionsOfRun(
  ctx: SqlStoreContext,
  runId: string,
  reason: string,
): Promise<number> {
  const result = await ctx.db
    .updateTable('model_versions')
    .set({
      status: 'FAILED_REGISTRATION',
      status_message: reason.slice(0, 1000),
      last_updated_time: ctx.now(),
    })
    .where('status', '=', 'PENDING_REGISTRATION')
    .where('run_id', '=', runId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function failStalePendingVersions(ctx: SqlStoreContext, olderThanMs: number): Promise<number> {
  const now = ctx.now();
  const result = await ctx.db
    .updateTable('model_versions')
    .set({
      status: 'FAILED_REGISTRATION',
      status_message: 'registration did not complete',
      last_updated_time: now,
    })
    .where('status', '=', 'PENDING_REGISTRATION')
    .where('creation_time', '<', now - olderThanMs)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
