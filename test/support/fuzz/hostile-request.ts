import fc from 'fast-check';
import { type FuzzedRequest, type FuzzedRoute, fuzzedRequest, parameterCount } from './fuzzed-request.js';
import { hostileBody } from './hostile-body.js';
import { hostileQuery } from './hostile-query.js';
import { pathSegment, wildcardPath, withKnown } from './hostile-values.js';
import { routeExample, routeFields } from './route-fields.js';

/** Content types clients send by mistake, and none at all. */
const ODD_CONTENT_TYPES = [
  ...[undefined, '', 'application/json; charset=latin1', 'APPLICATION/JSON', 'application/json;;;'],
  ...['application/vnd.api+json', 'text/plain', 'text/csv', 'application/xml', 'multipart/form-data'],
  ...['application/x-www-form-urlencoded', 'application/octet-stream', '*/*', ';'],
];

/** JSON half of the time, so that bodies reach the routes; odd or random types otherwise. */
const contentType = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
  { weight: 4, arbitrary: fc.constantFrom(...ODD_CONTENT_TYPES) },
  { weight: 1, arbitrary: fc.stringMatching(/^[!-~]{1,40}$/) },
);

/** Odd request headers besides the content type. */
const otherHeaders = fc.record(
  {
    'x-request-id': fc.oneof(
      fc.constantFrom('', ' ', 'a'.repeat(200), '../..'),
      fc.stringMatching(/^[!-~]{0,40}$/),
    ),
    accept: fc.constantFrom('*/*', 'text/html', 'application/xml', ''),
  },
  { requiredKeys: [] },
);

/**
 * Requests to one route that a careless or hostile client sends: any JSON, the route's own fields
 * with wrong types, its example body spoiled one value at a time, `NaN` and `1e999` where numbers
 * go, binary and invalid UTF-8 bodies, odd content types, odd query strings and path parameters
 * (`..`, `%00`, unicode, 20k characters). `known` values (ids and names that exist) are mixed into
 * fields, query and path, so that some requests reach past the lookup to the code that reads the rest.
 *
 * @example
 * await fc.assert(fc.asyncProperty(hostileRequest({ method: 'POST', url: '/predict' }), send), { seed: 1 });
 */
export function hostileRequest(
  route: FuzzedRoute,
  known: readonly string[] = [],
): fc.Arbitrary<FuzzedRequest> {
  const fields = routeFields(route);
  const count = parameterCount(route);
  return fc
    .record({
      segments: fc.array(withKnown(pathSegment, known.map(encodeURIComponent)), {
        minLength: count,
        maxLength: count,
      }),
      wildcard: wildcardPath,
      query: hostileQuery(fields, known),
      type: contentType,
      payload: hostileBody(fields, known, routeExample(route)),
      headers: otherHeaders,
    })
    .map((parts) => fuzzedRequest(route, parts));
}
