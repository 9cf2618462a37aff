const NEEDS_QUOTES = /[",\r\n]/;

/**
 * A text value as one CSV field (RFC 4180): quoted, inner quotes doubled, only when it holds a
 * comma, a quote or a line break; the empty string is quoted so that it differs from a missing value.
 *
 * @example
 * csvField('a,b'); // '"a,b"'
 */
export function csvField(text: string): string {
  if (text === '') return '""';
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
