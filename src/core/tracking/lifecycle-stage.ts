/** Whether an experiment or run is visible (`active`) or soft-deleted and restorable (`deleted`). */
export type LifecycleStage = 'active' | 'deleted';
