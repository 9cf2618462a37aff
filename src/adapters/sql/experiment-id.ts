import { AmlopsError } from '../../core/errors/index.js';

/**
 * The integer key of an experiment id given as a string (MLflow's ids are decimal strings).
 *
 * @example
 * experimentKey('12'); // 12
 */
export function experimentKey(experimentId: string): number {
  if (typeof experimentId !== 'string' || !/^\d{1,9}$/.test(experimentId))
    throw new AmlopsError('USAGE', `invalid experiment id '${String(experimentId)}'`);
  return Number(experimentId);
}
