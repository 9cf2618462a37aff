import type { Kysely, Selectable } from 'kysely';
import { AmlopsError } from '../../core/errors/index.js';
import type { ModelStage, ModelVersion, ModelVersionStatus } from '../../core/tracking/index.js';
import type { Database } from './database.js';

export type ModelVersionRow = Selectable<Database['model_versions']>;

/**
 * The version number of a version given as a string ('3').
 *
 * @example
 * versionNumber('3'); // 3
 */
export function versionNumber(version: string): number {
  if (!/^\d{1,9}$/.test(String(version)) || Number(version) < 1)
    throw new AmlopsError(
      'USAGE',
      `invalid model version '${String(version)}'; versions are positive integers`,
    );
  return Number(version);
}

/**
 * The row of a model version; NOT_FOUND when absent.
 *
 * @example
 * const row = await modelVersionRow(db, 'consumers-laundering-model', '3');
 */
export async function modelVersionRow(
  db: Kysely<Database>,
  name: string,
  version: string,
): Promise<ModelVersionRow> {
  const row = await db
    .selectFrom('model_versions')
    .selectAll()
    .where('name', '=', name)
    .where('version', '=', versionNumber(version))
    .executeTakeFirst();
  if (!row) throw new AmlopsError('NOT_FOUND', `registered model '${name}' has no version '${version}'`);
  return row;
}

/**
 * Model versions for rows, with their tags and aliases, in the rows' order.
 *
 * @example
 * const versions = await loadModelVersions(db, rows);
 */
export async function loadModelVersions(
  db: Kysely<Database>,
  rows: readonly ModelVersionRow[],
): Promise<ModelVersion[]> {
  if (rows.length === 0) return [];
  const names = [...new Set(rows.map((r) => r.name))];
  const [tags, aliases] = await Promise.all([
    db.selectFrom('model_version_tags').selectAll().where('name', 'in', names).orderBy('key').execute(),
    db
      .selectFrom('registered_model_aliases')
      .selectAll()
      .where('name', 'in', names)
      .orderBy('alias')
      .execute(),
  ]);
  return rows.map((row) => {
    const version = Number(row.version);
    const mine = <T extends { name: string; version: number }>(item: T) =>
      item.name === row.name && Number(item.version) === version;
    return {
      name: row.name,
      version: String(version),
      creationTime: Number(row.creation_time),
      lastUpdatedTime: Number(row.last_updated_time),
      description: row.description,
      userId: row.user_id,
      currentStage: row.current_stage as ModelStage,
      source: row.source,
      runId: row.run_id,
      runLink: row.run_link,
      status: row.status as ModelVersionStatus,
      statusMessage: row.status_message,
      tags: tags.filter(mine).map((t) => ({ key: t.key, value: t.value })),
      aliases: aliases.filter(mine).map((a) => a.alias),
    };
  });
}
