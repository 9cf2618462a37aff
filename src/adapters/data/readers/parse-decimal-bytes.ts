const POW10 = Float64Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * Parses plain decimal text straight from bytes, without making a string: `[+-]digits[.digits]`
 * with an optional exponent, at most 15 significant digits and a decimal exponent within ±22.
 * In that range `mantissa * 10^k` or `mantissa / 10^k` is one correctly rounded IEEE operation on
 * exact operands (Clinger's fast path), so the result equals `Number(text)` bit for bit. Returns
 * `NaN` for anything else (spaces, quotes, long mantissas, non-numeric text): the caller then
 * falls back to the strict string parser, so both paths accept the same grammar.
 *
 * @example
 * parseDecimalBytes(Buffer.from('2109.19'), 0, 7); // 2109.19
 */
export function parseDecimalBytes(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  let negative = false;
  if (i < end && (bytes[i] === 45 || bytes[i] === 43)) {
    negative = bytes[i] === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let exponent = 0;
  while (i < end) {
    const d = bytes[i]! - 48;
    if (d < 0 || d > 9) break;
    mantissa = mantissa * 10 + d;
    digits++;
    i++;
  }
  if (i < end && bytes[i] === 46) {
    i++;
    while (i < end) {
      const d = bytes[i]! - 48;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
      digits++;
      exponent--;
      i++;
    }
  }
  if (digits === 0 || digits > 15) return Number.NaN;
  if (i < end && (bytes[i]! | 32) === 101) {
    i++;
    let expNegative = false;
    if (i < end && (bytes[i] === 45 || bytes[i] === 43)) {
      expNegative = bytes[i] === 45;
      i++;
    }
    let written = 0;
    let expDigits = 0;
    while (i < end && expDigits < 4) {
      const d = bytes[i]! - 48;
      if (d < 0 || d > 9) break;
      written = written * 10 + d;
      expDigits++;
      i++;
    }
    if (expDigits === 0) return Number.NaN;
    exponent += expNegative ? -written : written;
  }
  if (i !== end || exponent < -22 || exponent > 22) return Number.NaN;
  const value = exponent < 0 ? mantissa / POW10[-exponent]! : mantissa * POW10[exponent]!;
  return negative ? -value : value;
}
