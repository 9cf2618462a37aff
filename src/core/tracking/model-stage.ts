import { AmlopsError } from '../errors/index.js';

/** MLflow's deployment stages, kept for compatibility with the original system; aliases supersede them. */
export type ModelStage = 'None' | 'Staging' | 'Production' | 'Archived';

/** Every stage, in MLflow's canonical spelling. */
export const MODEL_STAGES: readonly ModelStage[] = ['None', 'Staging', 'Production', 'Archived'];

/**
 * The canonical stage for a name given in any letter case, as MLflow accepts `production` or `PRODUCTION`.
 *
 * @example
 * parseModelStage('production'); // 'Production'
 */
export function parseModelStage(name: string): ModelStage {
  const found = MODEL_STAGES.find((stage) => stage.toLowerCase() === name.toLowerCase());
  if (!found)
    throw new AmlopsError(
      'USAGE',
      `invalid model version stage '${name}'; expected one of ${MODEL_STAGES.join(', ')}`,
    );
  return found;
}
