import { regularizedGammaQ } from './regularized-gamma.js';

/**
 * The standard normal distribution function Φ(z), through erfc(t) = Q(1/2, t²).
 *
 * @example
 * normalCdf(1.959963984540054); // 0.975
 */
export function normalCdf(z: number): number {
  const tail = 0.5 * regularizedGammaQ(0.5, (z * z) / 2);
  return z >= 0 ? 1 - tail : tail;
}
