import type { RegisteredModel } from '../../core/tracking/index.js';
import { modelVersionJson } from './model-version-json.js';
import { omitEmpty } from './omit-empty.js';
import { tagsJson } from './tag-json.js';

/**
 * A registered model in MLflow's JSON (`mlflow.RegisteredModel`), with its latest version per stage
 * and its aliases.
 *
 * @example
 * registeredModelJson(model); // { name: 'm', creation_timestamp: …, latest_versions: [...], aliases: [{ alias: 'production', version: '3' }] }
 */
export function registeredModelJson(model: RegisteredModel): Record<string, unknown> {
  return omitEmpty({
    name: model.name,
    creation_timestamp: model.creationTime,
    last_updated_timestamp: model.lastUpdatedTime,
    description: model.description,
    latest_versions: model.latestVersions.map(modelVersionJson),
    tags: tagsJson(model.tags),
    aliases: model.aliases.map((alias) => ({ alias: alias.alias, version: alias.version })),
  });
}
