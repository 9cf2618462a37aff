/**
 * The text of a value read from a typed file (JSON, Parquet): `''` for null and undefined,
 * strings as they are, numbers and bigints in decimal, dates in ISO 8601, other values as JSON.
 *
 * @example
 * cellText(null); // ''
 * cellText(12.5); // '12.5'
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
}
