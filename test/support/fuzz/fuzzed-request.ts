import fc from 'fast-check';

/** A route as the server lists it (`routeAccess`): a method and a URL pattern. */
export interface FuzzedRoute {
  readonly method: string;
  readonly url: string;
}

/** One request to a route, as `app.inject` takes it: any body, headers, path and query. */
export interface FuzzedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly payload?: Buffer;
  /** What the request is, for a failure message (the payload shortened). */
  readonly label: string;
  readonly [fc.toStringMethod]: () => string;
}

/** The parts a fuzzed request is made of. */
export interface RequestParts {
  /** Values for the route's `:parameters`, in order. */
  readonly segments: readonly string[];
  /** The path a `*` stands for. */
  readonly wildcard: string;
  readonly query: string;
  readonly type: string | undefined;
  readonly payload: Buffer | undefined;
  readonly headers?: Readonly<Record<string, string>>;
}

function shorten(payload: Buffer | undefined): string {
  if (payload === undefined) return 'no body';
  const text = payload.subarray(0, 120).toString('latin1');
  return payload.length > 120 ? `${text}… (${payload.length} bytes)` : text;
}

/**
 * The request to `route` made of `parts`: its parameters filled in, the query and content type
 * added, and a label that says what it is (fast-check reports a counterexample by it, not as a
 * megabyte of bytes).
 *
 * @example
 * fuzzedRequest({ method: 'GET', url: '/v2/models/:name' }, { segments: ['..'], wildcard: '', query: 'a=%', type: undefined, payload: undefined });
 */
export function fuzzedRequest(route: FuzzedRoute, parts: RequestParts): FuzzedRequest {
  let next = 0;
  const path = route.url
    .replace(/:[A-Za-z_]+/g, () => parts.segments[next++] ?? 'x')
    .replace('*', parts.wildcard);
  const url = parts.query === '' ? path : `${path}?${parts.query}`;
  const label = `${route.method} ${url.slice(0, 200)} content-type=${JSON.stringify(parts.type)} body=${shorten(parts.payload)}`;
  return {
    method: route.method,
    url,
    headers: { ...parts.headers, ...(parts.type === undefined ? {} : { 'content-type': parts.type }) },
    ...(parts.payload === undefined ? {} : { payload: parts.payload }),
    label,
    [fc.toStringMethod]: () => label,
  };
}

/** How many `:parameters` a route's URL has. */
export function parameterCount(route: FuzzedRoute): number {
  return route.url.match(/:[A-Za-z_]+/g)?.length ?? 0;
}
