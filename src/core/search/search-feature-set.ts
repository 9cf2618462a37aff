/**
 * How a candidate turns the data contract's columns into model features. The search trains each
 * candidate on the feature matrix of its set; the feature pipeline of the chosen set is what is
 * fitted and saved with the model.
 */
export interface SearchFeatureSet {
  /** Name the candidates refer to (`original`, `domain`, …). */
  readonly name: string;
  /** `zero`: missing amounts become 0, as the original did; `missing`: kept missing, trees learn where they go. */
  readonly numericMissing: 'zero' | 'missing';
  /** `most-frequent`: missing categories become the most frequent one, as the original did; `missing`: a state of its own. */
  readonly categoricalMissing: 'most-frequent' | 'missing';
  /** Adds the domain features (the outflow/inflow ratio and the like) to the amounts. */
  readonly domainFeatures: boolean;
}

/** The original's features: amounts filled with 0 (and scaled, which trees ignore), one-hot `risk_pld` with most-frequent imputation. */
export const ORIGINAL_FEATURES: SearchFeatureSet = {
  name: 'original',
  numericMissing: 'zero',
  categoricalMissing: 'most-frequent',
  domainFeatures: false,
};

/** Amounts and `risk_pld` with missing kept as missing, plus the domain features. */
export const DOMAIN_FEATURES: SearchFeatureSet = {
  name: 'domain',
  numericMissing: 'missing',
  categoricalMissing: 'missing',
  domainFeatures: true,
};
