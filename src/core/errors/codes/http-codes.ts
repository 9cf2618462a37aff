import { type ErrorSpec, EXIT } from '../error-spec.js';

/** Codes of the HTTP surfaces, for requests that cannot be read at all. */
export const httpCodes = {
  HTTP_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    exit: EXIT.usage,
    description: 'The request body has a content type the endpoint does not accept.',
  },
  HTTP_BODY_TOO_LARGE: {
    status: 413,
    exit: EXIT.usage,
    description: 'The request body is larger than the configured limit.',
  },
  HTTP_INVALID_JSON: { status: 400, exit: EXIT.usage, description: 'The request body is not valid JSON.' },
  HTTP_MALFORMED_PATH: {
    status: 400,
    exit: EXIT.usage,
    description: 'A path parameter is not valid percent-encoded UTF-8 (a `%` not followed by an escape).',
  },
  HTTP_PATH_PARAMETER_TOO_LONG: {
    status: 414,
    exit: EXIT.usage,
    description:
      'A path parameter (a model name, a run id…) is longer than the server reads (100 characters).',
  },
  HTTP_HEADERS_TOO_LARGE: {
    status: 431,
    exit: EXIT.usage,
    description:
      "The request's line and headers (the URL with its query string among them) are longer than the server reads (16 KB): send long values in the body.",
  },
  HTTP_MALFORMED_REQUEST: {
    status: 400,
    exit: EXIT.usage,
    description:
      'The bytes received are not an HTTP/1.1 request the server can read (a malformed request line or header, a bad chunked body); the connection is closed.',
  },
  HTTP_REQUEST_TIMEOUT: {
    status: 408,
    exit: EXIT.usage,
    description:
      "The request did not arrive whole within the server's request timeout; the connection is closed.",
  },
  WEB_UI_NOT_BUILT: {
    status: 503,
    exit: EXIT.unavailable,
    description:
      'The web UI was not built, so `/` has nothing to show: run `npm run build` (which `npm install` runs) and restart the server.',
  },
  HTTP_ROUTE_NOT_FOUND: {
    status: 404,
    exit: EXIT.usage,
    description: 'No endpoint has that method and path.',
  },
  HTTP_UNAUTHORIZED: {
    status: 401,
    exit: EXIT.usage,
    description:
      'The request has no valid API key (`Authorization: Bearer <key>`): none, one of the wrong shape, an unknown, revoked or expired one.',
  },
  HTTP_AUTH_UNAVAILABLE: {
    status: 503,
    exit: EXIT.unavailable,
    description:
      "The identity provider's keys (setting auth.oidc.jwksUrl) cannot be fetched, so no token can be checked; the message says why.",
  },
  HTTP_FORBIDDEN: {
    status: 403,
    exit: EXIT.usage,
    description:
      "The request's API key is valid but its role does not allow this route (docs/security.md lists each route's role).",
  },
  HTTP_RATE_LIMITED: {
    status: 429,
    exit: EXIT.unavailable,
    description:
      'Too many requests: more failed authentications from one address than `rateLimit.failedAuthPerMinute`, or more scoring requests from one key or address than `rateLimit.scoringPerMinute`. The `Retry-After` header says in how many seconds to try again.',
  },
  HTTP_HOST_NOT_ALLOWED: {
    status: 421,
    exit: EXIT.usage,
    description:
      "The request's `Host` header names a host this server does not answer for (setting `server.allowedHosts`): how a web page on another site would reach a server on 127.0.0.1 through DNS rebinding.",
  },
} as const satisfies Record<string, ErrorSpec>;
