import { AmlopsError } from '../core/errors/index.js';

/** The JSON body of every error answer of amlops' own APIs. */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details?: unknown };
  readonly request_id: string;
}

/** The longest path parameter the router reads (Fastify's default `maxParamLength`, kept). */
export const MAX_PATH_PARAMETER_LENGTH = 100;

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message: string;
  validation?: unknown;
}

/**
 * Maps any error reaching an HTTP boundary to an AmlopsError: our own errors as they are, Fastify's
 * request-reading errors to their HTTP codes, and everything else to `INTERNAL` (a bug).
 */
export function toAmlopsError(error: unknown): AmlopsError {
  if (error instanceof AmlopsError) return error;
  const e = error as FastifyLikeError;
  switch (e?.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AmlopsError('HTTP_UNSUPPORTED_MEDIA_TYPE', e.message);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AmlopsError('HTTP_BODY_TOO_LARGE', e.message);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AmlopsError('HTTP_INVALID_JSON', e.message);
    // The router's own refusals carry the whole path in their message: it may be kilobytes long.
    case 'FST_ERR_BAD_URL':
      return new AmlopsError(
        'HTTP_MALFORMED_PATH',
        'a path parameter is not valid percent-encoded UTF-8: a % must start an escape such as %2F',
      );
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AmlopsError(
        'HTTP_PATH_PARAMETER_TOO_LONG',
        `a path parameter is longer than ${MAX_PATH_PARAMETER_LENGTH} characters`,
      );
    case 'FST_ERR_VALIDATION':
      return new AmlopsError('USAGE', e.message, e.validation);
  }
  // Body-parser failures (e.g. malformed JSON from a custom parser) carry a 4xx statusCode.
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    if (e.statusCode === 415) return new AmlopsError('HTTP_UNSUPPORTED_MEDIA_TYPE', e.message);
    if (e.statusCode === 413) return new AmlopsError('HTTP_BODY_TOO_LARGE', e.message);
    return new AmlopsError('USAGE', e.message);
  }
  return new AmlopsError('INTERNAL', 'internal error', undefined, { cause: error });
}
