import { AmlopsError } from '../../core/errors/index.js';
import { type ModelVersion, validateAlias } from '../../core/tracking/index.js';
import { modelVersionRow } from './model-version-rows.js';
import { getModelVersion } from './model-versions-sql.js';
import { modelRow } from './registered-models-sql.js';
import type { SqlStoreContext } from './sql-store-context.js';

/**
 * Points `alias` at a READY version of the model, moving it if it pointed elsewhere.
 *
 * @example
 * await setAlias(ctx, 'consumers-laundering-model', 'production', '3');
 */
export async function setAlias(
  ctx: SqlStoreContext,
  name: string,
  alias: string,
  version: string,
): Promise<void> {
  validateAlias(alias);
  const row = await modelVersionRow(ctx.db, name, version);
  if (row.status !== 'READY')
    throw new AmlopsError(
      'INVALID_STATE',
      `model version ${name}/${version} is ${row.status}; aliases point only at READY versions`,
    );
  await ctx.db
    .insertInto('registered_model_aliases')
    .values({ name, alias, version: row.version })
    .onConflict((oc) => oc.columns(['name', 'alias']).doUpdateSet({ version: row.version }))
    .execute();
}

/**
 * Removes an alias; NOT_FOUND when the model has no such alias.
 *
 * @example
 * await deleteAlias(ctx, 'consumers-laundering-model', 'challenger');
 */
export async function deleteAlias(ctx: SqlStoreContext, name: string, alias: string): Promise<void> {
  await modelRow(ctx.db, name);
  const result = await ctx.db
    .deleteFrom('registered_model_aliases')
    .where('name', '=', name)
    .where('alias', '=', alias)
    .executeTakeFirst();
  if (result.numDeletedRows === 0n)
    throw new AmlopsError('NOT_FOUND', `registered model '${name}' has no alias '${alias}'`);
}

/**
 * The version an alias points at; NOT_FOUND when there is no such alias.
 *
 * @example
 * const live = await getVersionByAlias(ctx, 'consumers-laundering-model', 'production');
 */
export async function getVersionByAlias(
  ctx: SqlStoreContext,
  name: string,
  alias: string,
): Promise<ModelVersion> {
  await modelRow(ctx.db, name);
  const row = await ctx.db
    .selectFrom('registered_model_aliases')
    .select('version')
    .where('name', '=', name)
    .where('alias', '=', alias)
    .executeTakeFirst();
  if (!row) throw new AmlopsError('NOT_FOUND', `registered model '${name}' has no alias '${alias}'`);
  return getModelVersion(ctx, name, String(row.version));
}
