/** Which lifecycle stages a search returns, named as in MLflow's `run_view_type` / `view_type`. */
export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';

/** Every view type, for validating input. */
export const VIEW_TYPES: readonly ViewType[] = ['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL'];
