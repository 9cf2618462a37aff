import type { Tag } from '../../core/tracking/index.js';

/** A tag in MLflow's JSON. */
export interface TagJson {
  readonly key: string;
  readonly value: string;
}

/**
 * Tags (or params, which have the same shape) as MLflow writes them.
 *
 * @example
 * tagsJson([{ key: 'team', value: 'risk' }]); // [{ key: 'team', value: 'risk' }]
 */
export function tagsJson(tags: readonly Tag[]): TagJson[] {
  return tags.map((tag) => ({ key: tag.key, value: tag.value }));
}
