/**
 * One record value as a category label, or null when missing: the same reading as
 * `categoryCodes` gives a frame column (empty text and NaN are missing; numbers by their decimal form).
 *
 * @example
 * categoryLabel('HIGH'); // 'HIGH'
 * categoryLabel('');     // null
 */
export function categoryLabel(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isNaN(value) ? null : String(value);
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return null;
}
