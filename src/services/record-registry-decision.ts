import type { ModelVersion, Tag } from '../core/tracking/index.js';
import type { ModelRegistry } from '../ports/model-registry.js';

/** Longest description kept: the oldest lines of a version's decision log are dropped beyond it. */
const MAX_DESCRIPTION = 10_000;

/**
 * Writes a registry decision (a promotion, a rollback, an alias moved) onto a version: its tags, and one line appended to its description
 * (the human-readable log of decisions, shown by MLflow's UI too).
 *
 * @example
 * await recordRegistryDecision(registry, version, [{ key: 'amlops.promoted_by', value: 'alice' }], 'Promoted by alice: better AUC');
 */
export async function recordRegistryDecision(
  registry: ModelRegistry,
  version: ModelVersion,
  tags: readonly Tag[],
  line: string,
): Promise<void> {
  for (const tag of tags) await registry.setModelVersionTag(version.name, version.version, tag);
  const description = version.description ? `${version.description}\n${line}` : line;
  await registry.updateModelVersion(version.name, version.version, {
    description: description.length > MAX_DESCRIPTION ? description.slice(-MAX_DESCRIPTION) : description,
  });
}
