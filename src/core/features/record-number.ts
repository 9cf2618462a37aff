import { parseNumberText } from './number-text.js';

/**
 * One record value as a number: the same reading as a frame column gets (numbers as they are,
 * text parsed, empty or null missing). `undefined` is returned for a present value that is not
 * a number, so that the caller can report it; it is then scored as missing.
 *
 * @example
 * recordNumber('2109.19'); // 2109.19
 * recordNumber(null);      // NaN
 * recordNumber('abc');     // undefined
 */
export function recordNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value === null || value === undefined) return Number.NaN;
  if (typeof value === 'string') {
    const v = parseNumberText(value);
    return !Number.isNaN(v) || value.trim() === '' ? v : undefined;
  }
  return undefined;
}
