import fc from 'fast-check';

/** Numbers as text in all the ways a careless parser takes them. */
export const NUMBER_WORDS = ['NaN', 'Infinity', '-Infinity', '1e999', '-1e999', '-0', '0x10', '1_000', ' 1 '];

/**
 * Values of `arbitrary`, or often one of `known` (ids and names that exist): requests then reach
 * past "not found" to the code that reads the rest.
 *
 * @example
 * withKnown(fc.string(), [runId]);
 */
export function withKnown<T>(arbitrary: fc.Arbitrary<T>, known: readonly string[]): fc.Arbitrary<T | string> {
  return known.length === 0
    ? arbitrary
    : fc.oneof({ weight: 3, arbitrary }, { weight: 2, arbitrary: fc.constantFrom(...known) });
}

/** A JSON value of a type the field does not expect, most of the time. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NUMBER_WORDS),
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53 + 1, -1e308, 1e308, '', [], {}),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.double(),
  fc.array(fc.oneof(fc.constantFrom(...NUMBER_WORDS), fc.double(), fc.string(), fc.constant(null)), {
    maxLength: 5,
  }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  fc.string({ minLength: 1, maxLength: 4 }).map((s) => s.repeat(2000)),
);

/** One path segment: traversal, escapes, NUL, unicode, very long, or plain. */
export const pathSegment = fc.oneof(
  fc.constantFrom('x', '1', '..', '.', '%2e%2e', '%2E%2E%2F', '..%2f..%2f', '%00', 'a%00b', '%', '%zz'),
  fc.constantFrom('%C0%AE', '%FF', '%E2%82', '~', "'", '"', '<script>', 'a;b', 'a,b', '-1', '1e999'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).map(encodeURIComponent),
  fc.integer({ min: 101, max: 20_000 }).map((n) => 'a'.repeat(n)),
);

/** A wildcard's path: several segments, traversal among them. */
export const wildcardPath = fc
  .array(fc.oneof(pathSegment, fc.constantFrom('etc', 'passwd', '')), { minLength: 1, maxLength: 6 })
  .map((segments) => segments.join('/'));
