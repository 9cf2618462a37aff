/**
 * Doubles as protobuf's JSON mapping (and so MLflow) writes and reads them: finite numbers as
 * numbers, NaN and the infinities as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`. Plain
 * `JSON.stringify` would turn them into `null` and lose a logged value.
 *
 * @example
 * encodeDouble(Number.NaN); // 'NaN'
 * decodeDouble('-Infinity'); // -Infinity
 * decodeDouble('abc'); // undefined
 */
export function encodeDouble(value: number): number | string {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}

/** The number a protobuf JSON double stands for, or undefined when it is not one. See {@link encodeDouble}. */
export function decodeDouble(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  const trimmed = value.trim();
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : undefined;
}
