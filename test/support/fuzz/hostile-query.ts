import fc from 'fast-check';
import { NUMBER_WORDS, withKnown } from './hostile-values.js';

/**
 * A query string: the route's fields and others (`__proto__`, `a[]`), badly escaped, a key
 * repeated up to 2000 times, a value of up to 100k characters.
 *
 * @example
 * fc.sample(hostileQuery(['run_id', 'max_results'], [runId]), 3); // ['run_id=%zz&run_id=…', …]
 */
export function hostileQuery(fields: string[], known: readonly string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    fc.constantFrom(...fields),
    fc.constantFrom('__proto__', 'constructor[prototype]', 'a[]', 'a[0]', 'tags[0][key]', ''),
    fc.string({ maxLength: 8 }).map(encodeURIComponent),
  );
  const shortValue = fc.oneof(
    fc.constantFrom(
      ...NUMBER_WORDS.map(encodeURIComponent),
      '',
      '%',
      '%zz',
      '%00',
      '%E0%A4%A',
      '%FF',
      '+',
      '&',
      '=',
      'a=b',
    ),
    fc.string({ unit: 'grapheme', maxLength: 12 }).map(encodeURIComponent),
  );
  const value = fc.oneof(
    { weight: 4, arbitrary: withKnown(shortValue, known.map(encodeURIComponent)) },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: 100_000 }).map((n) => 'v'.repeat(n)) },
  );
  const join = (pairs: readonly (readonly [string, string])[]) =>
    pairs.map(([k, v]) => `${k}=${v}`).join('&');
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.tuple(key, value), { maxLength: 8 }).map(join) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(key, shortValue, fc.integer({ min: 2, max: 2000 }))
        .map(([k, v, n]) => join(Array.from({ length: n }, () => [k, v] as const))),
    },
    { weight: 1, arbitrary: fc.constantFrom('', '?', '&&&', '=&=', '%%%', 'a=1&a', '#frag', '?=?') },
  );
}
