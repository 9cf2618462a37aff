const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A number written as text, or NaN when the text is empty or not a plain decimal number
 * (`'0x10'`, `'1,000'` and `'Infinity'` are not numbers here, although `Number()` accepts some).
 *
 * @example
 * parseNumberText(' 12.5 '); // 12.5
 * parseNumberText('n/a');    // NaN
 */
export function parseNumberText(text: string): number {
  const trimmed = text.trim();
  return NUMBER.test(trimmed) ? Number(trimmed) : Number.NaN;
}
