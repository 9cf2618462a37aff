/** A 95% confidence interval of a proportion. */
export interface ProportionInterval {
  readonly lower: number;
  readonly upper: number;
  /** The confidence level, 0.95. */
  readonly level: number;
  readonly method: 'Wilson';
}

/** The standard normal quantile of 0.975: a two-sided 95% interval. */
const Z_95 = 1.959963984540054;

/**
 * The 95% Wilson score interval of `successes` out of `trials` (Wilson, 1927): unlike the normal
 * approximation it stays within [0, 1] and keeps its coverage for small counts and proportions
 * near 0 or 1, which is where the live precision of a few concluded cases lies. Null without a
 * trial.
 *
 * @example
 * proportionInterval(45, 50); // { lower: 0.7864, upper: 0.9565, level: 0.95, method: 'Wilson' } (rounded)
 */
export function proportionInterval(successes: number, trials: number): ProportionInterval | null {
  if (trials <= 0) return null;
  const p = successes / trials;
  const z2 = Z_95 * Z_95;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (Z_95 * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  return {
    lower: Math.max(0, centre - half),
    upper: Math.min(1, centre + half),
    level: 0.95,
    method: 'Wilson',
  };
}
