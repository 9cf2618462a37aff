import type { GbdtParams, GbdtParamsInput } from '../gbdt/parameters.js';
import type { ParameterDistribution } from './parameter-distribution.js';

/** Names of the training parameters a search may vary. */
export type SearchableParam = keyof Omit<GbdtParams, 'objective' | 'grow_policy' | 'eval_metric'>;

/**
 * Every combination of the listed values (scikit-learn's `ParameterGrid`: parameters in name order,
 * the last varying fastest), each on every feature set listed.
 */
export interface GridSpace {
  readonly kind: 'grid';
  /** Parameters every candidate shares. */
  readonly base: GbdtParamsInput;
  readonly grid: Readonly<Partial<Record<SearchableParam, readonly number[]>>>;
  readonly featureSets: readonly string[];
}

/**
 * Candidates drawn at random: first the listed `first` candidates (a sound baseline, tried before
 * anything is drawn, so that even a tiny budget yields a good model), then `count` draws.
 */
export interface SampledSpace {
  readonly kind: 'sampled';
  readonly base: GbdtParamsInput;
  readonly first: readonly { readonly params: GbdtParamsInput; readonly featureSet: string }[];
  readonly distributions: Readonly<Partial<Record<SearchableParam, ParameterDistribution>>>;
  readonly count: number;
  /** Feature set of each draw, drawn uniformly from this list. */
  readonly featureSets: readonly string[];
}

/** Several spaces searched as one: their candidates in order, compared on the same folds. */
export interface UnionSpace {
  readonly kind: 'union';
  readonly spaces: readonly SearchSpace[];
}

export type SearchSpace = GridSpace | SampledSpace | UnionSpace;
