import type { LifecycleStage, ViewType } from '../../core/tracking/index.js';

/**
 * The lifecycle stages a view type selects.
 *
 * @example
 * lifecycleStages('ALL'); // ['active', 'deleted']
 */
export function lifecycleStages(viewType: ViewType | undefined): LifecycleStage[] {
  if (viewType === 'DELETED_ONLY') return ['deleted'];
  if (viewType === 'ALL') return ['active', 'deleted'];
  return ['active'];
}
