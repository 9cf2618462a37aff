import type { ModelVersion } from '../../core/tracking/index.js';
import { omitEmpty } from './omit-empty.js';
import { tagsJson } from './tag-json.js';

/**
 * A model version in MLflow's JSON (`mlflow.ModelVersion`).
 *
 * @example
 * modelVersionJson(version); // { name: 'm', version: '3', current_stage: 'Production', status: 'READY', … }
 */
export function modelVersionJson(version: ModelVersion): Record<string, unknown> {
  return omitEmpty({
    name: version.name,
    version: version.version,
    creation_timestamp: version.creationTime,
    last_updated_timestamp: version.lastUpdatedTime,
    user_id: version.userId,
    current_stage: version.currentStage,
    description: version.description,
    source: version.source,
    run_id: version.runId,
    status: version.status,
    status_message: version.statusMessage,
    tags: tagsJson(version.tags),
    run_link: version.runLink,
    aliases: [...version.aliases],
  });
}
