import type { Rng } from '../random/rng.js';

/** Where a sampled search draws one parameter from. */
export type ParameterDistribution =
  | { readonly kind: 'choice'; readonly values: readonly number[] }
  | { readonly kind: 'uniform'; readonly low: number; readonly high: number }
  | { readonly kind: 'log-uniform'; readonly low: number; readonly high: number }
  | { readonly kind: 'integer'; readonly low: number; readonly high: number };

/**
 * One draw from `distribution` (`integer` includes both ends). Draws of `uniform` and
 * `log-uniform` are rounded to 4 significant digits, so that parameters read well in reports.
 *
 * @example
 * drawParameter({ kind: 'log-uniform', low: 0.03, high: 0.3 }, new Rng(1)); // e.g. 0.08712
 */
export function drawParameter(distribution: ParameterDistribution, rng: Rng): number {
  switch (distribution.kind) {
    case 'choice':
      return distribution.values[rng.nextInt(distribution.values.length)]!;
    case 'uniform':
      return round4(distribution.low + rng.next() * (distribution.high - distribution.low));
    case 'log-uniform': {
      const low = Math.log(distribution.low);
      return round4(Math.exp(low + rng.next() * (Math.log(distribution.high) - low)));
    }
    case 'integer':
      return distribution.low + rng.nextInt(distribution.high - distribution.low + 1);
  }
}

function round4(x: number): number {
  return Number(x.toPrecision(4));
}
