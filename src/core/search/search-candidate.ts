import type { GbdtParamsInput } from '../gbdt/parameters.js';

/** One point of a search: training parameters and the feature set they are trained on. */
export interface SearchCandidate {
  /** Position in the search's candidate list; ties in score go to the lowest index, as scikit-learn does. */
  readonly index: number;
  readonly params: GbdtParamsInput;
  /** Name of a {@link SearchFeatureSet} of the search. */
  readonly featureSet: string;
}
