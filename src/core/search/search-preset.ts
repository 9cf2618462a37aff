import type { SearchFeatureSet } from './search-feature-set.js';
import type { SearchSpace } from './search-space.js';

/** A named search: its space, its folds, its feature sets and how it spends its time. */
export interface SearchPreset {
  readonly name: string;
  readonly description: string;
  /** Folds of the stratified cross-validation. */
  readonly folds: number;
  readonly space: SearchSpace;
  /** The feature sets the space's candidates name. */
  readonly featureSets: readonly SearchFeatureSet[];
  /**
   * Cross-validation runs on a stratified sample of at most this many training rows (all rows
   * when absent); the refit always uses the whole training split.
   */
  readonly maxSearchRows?: number;
  /** Time budget when the caller gives none, in seconds (`Infinity`: no limit). */
  readonly budgetSeconds: number;
  /**
   * Trees of the refit when candidates stop early: the mean of the folds' best tree counts times
   * this factor (more rows support a few more trees than a fold's share of them).
   */
  readonly refitTreeFactor: number;
}
