import { parseNumberText } from '../features/number-text.js';

/** Why a value is not an amount, or `null` when it is one (possibly missing). */
export type AmountProblem = 'not a number' | 'not finite' | 'negative' | null;

const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;

/**
 * Reads one value of a numeric input column into `out[at]`: a finite non-negative number or
 * numeric text is the amount, null / undefined / empty text is missing (NaN). Anything else is a
 * problem returned to the caller, which refuses the request: never scored as a silent zero.
 *
 * @example
 * const out = new Float64Array(1);
 * readAmount('2109.19', out, 0); // null, out[0] === 2109.19
 * readAmount(-5, out, 0);        // 'negative'
 */
export function readAmount(value: unknown, out: Float64Array, at: number): AmountProblem {
  let v: number;
  if (typeof value === 'number') v = value;
  else if (value === null || value === undefined) v = Number.NaN;
  else if (typeof value === 'string') {
    v = parseNumberText(value);
    if (Number.isNaN(v) && value.trim() !== '')
      return NON_FINITE.test(value.trim()) ? 'not finite' : 'not a number';
  } else return 'not a number';
  if (typeof value === 'number' && !Number.isFinite(v)) return 'not finite';
  if (v < 0) return 'negative';
  out[at] = v;
  return null;
}
