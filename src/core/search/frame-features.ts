import type { Frame } from '../frame/frame.js';
import type { FeatureMatrix } from '../gbdt/feature-matrix.js';
import type { SearchFeatureSet } from './search-feature-set.js';
import {
  CONTRACT_COLUMNS,
  type FeatureColumns,
  type FittedSearchFeatures,
  fitSearchFeatures,
} from './search-features.js';

/** Feature matrices of one training frame, fitted on demand, with the fitted pipelines kept. */
export interface FrameFeatures {
  /** For `runSearch`'s `matrixOf`: fits the set's pipeline on the frame and transforms it. */
  readonly matrixOf: (set: SearchFeatureSet) => FeatureMatrix;
  /** The fitted pipeline of each set asked for, by name (the best one is saved with the model). */
  readonly fitted: ReadonlyMap<string, FittedSearchFeatures>;
}

/**
 * Feature matrices of a training frame for a search: each feature set's pipeline is fitted on the
 * frame the first time it is asked for, and kept, so that the caller can save the chosen set's
 * pipeline and transform the test rows with it.
 *
 * @example
 * const features = frameFeatures(train);
 * const result = await runSearch({ ...options, matrixOf: features.matrixOf });
 * const testMatrix = features.fitted.get(result.bestFeatureSet)!.transform(test);
 */
export function frameFeatures(frame: Frame, columns: FeatureColumns = CONTRACT_COLUMNS): FrameFeatures {
  const fitted = new Map<string, FittedSearchFeatures>();
  const matrices = new Map<string, FeatureMatrix>();
  return {
    fitted,
    matrixOf(set) {
      let matrix = matrices.get(set.name);
      if (!matrix) {
        const features = fitSearchFeatures(frame, set, columns);
        fitted.set(set.name, features);
        matrix = features.transform(frame);
        matrices.set(set.name, matrix);
      }
      return matrix;
    },
  };
}
