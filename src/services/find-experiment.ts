import { AmlopsError } from '../core/errors/index.js';
import type { Experiment } from '../core/tracking/index.js';
import type { TrackingStore } from '../ports/tracking-store.js';

/**
 * The experiment a person names: by id when the text is a number that is an experiment's id, else
 * by name (deleted experiments included, so that they can be restored). NOT_FOUND when neither.
 *
 * @example
 * const experiment = await findExperiment(tracking, 'consumers-laundering-model');
 * const same = await findExperiment(tracking, experiment.experimentId);
 */
export async function findExperiment(tracking: TrackingStore, ref: string): Promise<Experiment> {
  if (/^[0-9]+$/.test(ref)) {
    try {
      return await tracking.getExperiment(ref);
    } catch (error) {
      if (!(error instanceof AmlopsError) || error.code !== 'NOT_FOUND') throw error;
    }
  }
  const byName = await tracking.getExperimentByName(ref);
  if (!byName)
    throw new AmlopsError('NOT_FOUND', `no experiment with id or name '${ref}'`, { experiment: ref });
  return byName;
}
