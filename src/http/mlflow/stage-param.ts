import { type ModelStage, parseModelStage } from '../../core/tracking/index.js';

/**
 * Stages named in a request, in any letter case (`production`, `Production`), refused with 400 when unknown.
 *
 * @example
 * stagesParam(['production', 'None']); // ['Production', 'None']
 */
export function stagesParam(names: readonly string[]): ModelStage[] {
  return names.map(parseModelStage);
}
