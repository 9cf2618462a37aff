import type { Experiment } from '../core/tracking/index.js';
import type { TrackingStore } from '../ports/tracking-store.js';
import { findExperiment } from './find-experiment.js';

/**
 * Renaming, deleting (soft: the experiment and its runs become `deleted`) and restoring an
 * experiment named by id or name; each returns the experiment as it is afterwards.
 *
 * @example
 * await experimentLifecycle.rename(tracking, 'old-name', 'consumers-laundering-model');
 * const deleted = await experimentLifecycle.delete(tracking, '3'); // deleted.lifecycleStage === 'deleted'
 */
export const experimentLifecycle = {
  async rename(tracking: TrackingStore, ref: string, newName: string): Promise<Experiment> {
    const experiment = await findExperiment(tracking, ref);
    await tracking.renameExperiment(experiment.experimentId, newName);
    return tracking.getExperiment(experiment.experimentId);
  },
  async delete(tracking: TrackingStore, ref: string): Promise<Experiment> {
    const experiment = await findExperiment(tracking, ref);
    await tracking.deleteExperiment(experiment.experimentId);
    return tracking.getExperiment(experiment.experimentId);
  },
  async restore(tracking: TrackingStore, ref: string): Promise<Experiment> {
    const experiment = await findExperiment(tracking, ref);
    await tracking.restoreExperiment(experiment.experimentId);
    return tracking.getExperiment(experiment.experimentId);
  },
} as const;
