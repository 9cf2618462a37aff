import { kolmogorovSurvival } from './kolmogorov-survival.js';

/** Up to this many observations on the larger side, the p-value is exact (SciPy's MAX_AUTO_N). */
const EXACT_LIMIT = 10_000;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** P(D ≥ h/n) for two samples of n each, exactly (Hodges' alternating sum, in Horner form). */
function probOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let term = 1;
    for (let j = 0; j < h; j++) term = ((n - k * h - j) * term) / (n + k * h + j + 1);
    p = term * (1 - p);
  }
  return 2 * p;
}

/**
 * P(D ≥ h/lcm) for samples of m and n, exactly: the share of lattice paths that leave the band
 * |x/m − y/n| < h/lcm, by Viehmann's recursion for 1 − p over one sliding column. NaN when it fails.
 */
function probOutsideBand(m0: number, n0: number, g: number, h: number): number {
  const [m, n] = m0 >= n0 ? [m0, n0] : [n0, m0];
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const a = new Float64Array(Math.min(2 * maxj + 2, n + 1)).fill(1);
  a.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let value = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      value = (a[jj + minj - lastminj]! * i + value * j) / (i + j);
      a[jj] = value;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) a.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return a[maxj - minj - 1]!;
}

/**
 * The two-sided two-sample Kolmogorov-Smirnov test of SciPy's `ks_2samp(u, v)` with its defaults:
 * the largest gap between the samples' distribution functions, and its p-value, exact when the
 * larger sample has at most 10,000 values (falling back as SciPy does when that fails), else from
 * the Kolmogorov distribution at n = round(n₁n₂/(n₁+n₂)). Inputs are sorted; one merge pass.
 *
 * @example
 * twoSampleKs(Float64Array.of(1, 2, 3), Float64Array.of(4, 5, 6)); // { statistic: 1, pValue: 0.1 }
 */
export function twoSampleKs(u: Float64Array, v: Float64Array): { statistic: number; pValue: number } {
  const n1 = u.length;
  const n2 = v.length;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n1 || j < n2) {
    const next = j >= n2 || (i < n1 && u[i]! <= v[j]!) ? u[i]! : v[j]!;
    while (i < n1 && u[i] === next) i++;
    while (j < n2 && v[j] === next) j++;
    d = Math.max(d, Math.abs(i / n1 - j / n2));
  }
  const g = gcd(n1, n2);
  if (Math.max(n1, n2) <= EXACT_LIMIT) {
    const lcm = (n1 / g) * n2;
    const h = Math.round(d * lcm);
    const statistic = h / lcm;
    if (h === 0) return { statistic, pValue: 1 };
    const p = n1 === n2 ? probOutsideSquare(n1, h) : probOutsideBand(n1, n2, g, h);
    if (p >= 0 && p <= 1) return { statistic, pValue: p };
  }
  const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
  const en = (m * n) / (m + n);
  return { statistic: d, pValue: Math.min(1, Math.max(0, kolmogorovSurvival(Math.round(en), d))) };
}
