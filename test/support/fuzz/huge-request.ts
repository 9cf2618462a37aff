import fc from 'fast-check';
import { type FuzzedRequest, type FuzzedRoute, fuzzedRequest } from './fuzzed-request.js';
import { routeFields } from './route-fields.js';

/** Small elements: an array of 100k is then well under the body limit and reaches the route. */
const element = fc.oneof(
  fc.constantFrom('1', '-0.5', '"NaN"', '"Infinity"', '"x"', 'null', 'true', '{}', '[]', '1e999'),
  fc.oneof(fc.double(), fc.string({ maxLength: 8 }), fc.boolean()).map((v) => JSON.stringify(v)),
);

const deepNesting = fc
  .tuple(fc.integer({ min: 5_000, max: 10_000 }), fc.constantFrom('[', '{"a":'), fc.boolean())
  .map(([depth, open, closed]) => {
    const close = open === '[' ? ']' : '}';
    return `${open.repeat(depth)}1${closed ? close.repeat(depth) : ''}`;
  });

/**
 * Requests to one route with bodies too big or too deep for a naive reader: arrays of 50k to 100k
 * elements (alone or as the route's fields), JSON nested 5k to 10k levels deep, 1 MB strings; sent
 * as JSON or with an odd content type. Some fields take `known` values, so that the huge ones are
 * read past the lookup.
 *
 * @example
 * await fc.assert(fc.asyncProperty(hugeRequest(route, [runId]), send), { seed: 1, numRuns: 4 });
 */
export function hugeRequest(route: FuzzedRoute, known: readonly string[] = []): fc.Arbitrary<FuzzedRequest> {
  const fields = routeFields(route);
  const knownFields = fc
    .array(fc.tuple(fc.constantFrom(...fields), fc.constantFrom('x', ...known)), { maxLength: 4 })
    .map((pairs) =>
      pairs.map(([name, value]) => `${JSON.stringify(name)}: ${JSON.stringify(value)}, `).join(''),
    );
  const hugeArray = fc
    .tuple(
      element,
      fc.integer({ min: 50_000, max: 100_000 }),
      fc.subarray(fields, { maxLength: 3 }),
      knownFields,
    )
    .map(([item, count, names, prefix]) => {
      const array = `[${Array.from({ length: count }, () => item).join(',')}]`;
      return names.length === 0 ? array : `{${prefix}${names.map((n) => `"${n}": ${array}`).join(', ')}}`;
    });
  const longString = fc
    .tuple(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }),
      fc.constantFrom(...fields),
      knownFields,
    )
    .map(([piece, name, prefix]) => {
      const text = JSON.stringify(piece.repeat(Math.ceil(1_048_576 / piece.length)));
      return `{${prefix}${JSON.stringify(name)}: ${text}}`;
    });
  return fc
    .record({
      body: fc.oneof(hugeArray, deepNesting, longString),
      type: fc.constantFrom('application/json', 'application/json', 'text/plain', 'text/csv', undefined),
      segment: fc.constantFrom('x', '1', ...known.map(encodeURIComponent)),
    })
    .map(({ body, type, segment }) =>
      fuzzedRequest(route, {
        segments: [segment, segment],
        wildcard: segment,
        query: '',
        type,
        payload: Buffer.from(body),
      }),
    );
}
