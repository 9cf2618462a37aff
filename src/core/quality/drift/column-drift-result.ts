/** The statistical tests of drift, by Evidently's names. */
export type StattestName = 'ks' | 'chisquare' | 'z' | 'wasserstein' | 'jensenshannon';

/**
 * Whether one column drifted between a reference and a current dataset, with the test Evidently's
 * defaults choose for it, and the population stability index beside it.
 */
export interface ColumnDriftResult {
  readonly stattest: StattestName;
  /** What `score` is, as Evidently prints it: 'K-S p_value', 'Wasserstein distance (normed)', … */
  readonly stattestLabel: string;
  /** 'p_value' tests drift when score < threshold (K-S: <=); 'distance' tests when score >= threshold. */
  readonly scoreKind: 'p_value' | 'distance';
  readonly score: number;
  readonly threshold: number;
  readonly drifted: boolean;
  /** Population stability index over the reference's deciles (numeric) or the categories; null when either side is empty. */
  readonly psi: number | null;
}
