import type { DomainFeatureName } from './domain-features.js';

/** What to do with a missing numeric value: keep it missing (NaN: the trees learn where it goes) or fill a constant. */
export type MissingPolicy =
  | { readonly strategy: 'keep' }
  | { readonly strategy: 'fill'; readonly value: number };

/** Which columns become features, and how. Plain JSON, typically built from the `data.*` settings. */
export interface FeatureSpec {
  /** Columns coerced to numbers. */
  readonly numericColumns: readonly string[];
  /** Columns one-hot encoded (`risk_pld=HIGH`), unseen values encoded as all zeros. */
  readonly categoricalColumns: readonly string[];
  /** Missing numbers (default `keep`; the original filled 0: `{ strategy: 'fill', value: 0 }`). */
  readonly missing?: MissingPolicy;
  /** Missing categories: imputed with the most frequent training value (default) or left all zeros. */
  readonly categoricalImpute?: 'most_frequent' | 'none';
  /** Trim and case-fold categories: `' high '` is `HIGH` when training saw `HIGH` (default false here; on in amlops' training). */
  readonly foldCategories?: boolean;
  /** Derived features of an inflow and an outflow column (for the stronger preset); none by default. */
  readonly domain?: {
    readonly incomeColumn: string;
    readonly outcomeColumn: string;
    /** Which derived features (default: all of DOMAIN_FEATURE_NAMES). */
    readonly features?: readonly DomainFeatureName[];
  };
}
