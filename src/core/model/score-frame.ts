import { transformFeatures } from '../features/transform-features.js';
import type { Frame } from '../frame/frame.js';
import { packEnsemble } from '../gbdt/predictor/packed-ensemble.js';
import { predictBatchProbability } from '../gbdt/predictor/predict-batch.js';
import type { ModelBundle } from './model-bundle.js';

/**
 * The probability of each row of a frame under a bundle: its feature pipeline, then its trees.
 * The batch path of training, evaluation and the promotion gate.
 *
 * @example
 * const p = scoreFrame(bundle, testFrame); // Float64Array, one probability per row
 */
export function scoreFrame(bundle: ModelBundle, frame: Frame): Float64Array {
  const { matrix } = transformFeatures(frame, bundle.features);
  const out = new Float64Array(frame.rowCount);
  predictBatchProbability(packEnsemble(bundle.booster), matrix, out);
  return out;
}
