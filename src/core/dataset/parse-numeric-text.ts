/** Decimal number text: optional sign, digits with an optional point, optional exponent. */
const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;

/**
 * Parses numeric text strictly: `'12.5'`, `'1e3'`, `'-3'`, `'.5'` and surrounding spaces are
 * accepted; `'12,5'`, `'abc'`, `'$5'`, `'0x10'`, `''`, `'NaN'`, `'Infinity'` and overflowing
 * values are not, and give `NaN`. (`Number()` alone would accept hex, `''` and `'Infinity'`.)
 *
 * @example
 * parseNumericText('1e3'); // 1000
 * parseNumericText('12,5'); // NaN
 */
export function parseNumericText(text: string): number {
  const trimmed = text.trim();
  if (!NUMERIC.test(trimmed)) return Number.NaN;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : Number.NaN;
}

/**
 * True for text that spells a non-finite number (`NaN`, `inf`, `-Infinity`, any case), which a
 * numeric column refuses with its own finding rather than as missing.
 *
 * @example
 * isNonFiniteText('-inf'); // true
 */
export function isNonFiniteText(text: string): boolean {
  return NON_FINITE.test(text.trim());
}
