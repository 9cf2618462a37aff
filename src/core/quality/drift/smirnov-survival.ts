import { logGamma } from './log-gamma.js';

/**
 * The one-sided Kolmogorov-Smirnov (Smirnov) survival function P(D⁺ₙ ≥ x), exactly, by Birnbaum and
 * Tingey's sum (in logarithms for large n), as SciPy's `special.smirnov`.
 *
 * @example
 * smirnovSurvival(10, 0.3); // 0.1322...
 */
export function smirnovSurvival(n: number, x: number): number {
  if (!(x >= 0 && x <= 1)) return Number.NaN;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const last = Math.floor(n * (1 - x));
  let sum = 0;
  const logNFactorial = logGamma(n + 1);
  for (let v = 0; v <= last; v++) {
    const at = x + v / n;
    const rest = 1 - at;
    if (rest <= 0) continue;
    const term =
      logNFactorial -
      logGamma(v + 1) -
      logGamma(n - v + 1) +
      (v - 1) * Math.log(at) +
      (n - v) * Math.log(rest);
    if (term > -745) sum += Math.exp(term);
  }
  return Math.min(1, sum * x);
}
