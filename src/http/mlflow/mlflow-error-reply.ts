import type { ErrorCode } from '../../core/errors/index.js';
import { toAmlopsError } from '../error-body.js';

/** MLflow's error body: `{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "…"}`. */
export interface MlflowErrorBody {
  readonly error_code: string;
  readonly message: string;
}

/** What an error is answered with on the MLflow surface, and whether it is a bug to log. */
export interface MlflowErrorReply {
  readonly status: number;
  readonly body: MlflowErrorBody;
  readonly internal: boolean;
}

/** MLflow's code and HTTP status for each of our codes that has a counterpart other than by status. */
const MLFLOW_CODES: Partial<Record<ErrorCode, readonly [string, number]>> = {
  NOT_FOUND: ['RESOURCE_DOES_NOT_EXIST', 404],
  FILE_NOT_FOUND: ['RESOURCE_DOES_NOT_EXIST', 404],
  RESOURCE_ALREADY_EXISTS: ['RESOURCE_ALREADY_EXISTS', 400],
  USAGE: ['INVALID_PARAMETER_VALUE', 400],
  ARTIFACT_PATH_INVALID: ['INVALID_PARAMETER_VALUE', 400],
  // MLflow reports writes to deleted runs and re-logged params as INVALID_PARAMETER_VALUE.
  INVALID_STATE: ['INVALID_PARAMETER_VALUE', 400],
  // MLflow answers 400 for a wrong content type; amlops' rule for every JSON endpoint is 415.
  HTTP_UNSUPPORTED_MEDIA_TYPE: ['INVALID_PARAMETER_VALUE', 415],
  HTTP_INVALID_JSON: ['BAD_REQUEST', 400],
  HTTP_BODY_TOO_LARGE: ['BAD_REQUEST', 413],
  HTTP_ROUTE_NOT_FOUND: ['ENDPOINT_NOT_FOUND', 404],
  HTTP_UNAUTHORIZED: ['UNAUTHENTICATED', 401],
  HTTP_FORBIDDEN: ['PERMISSION_DENIED', 403],
  HTTP_AUTH_UNAVAILABLE: ['TEMPORARILY_UNAVAILABLE', 503],
  HTTP_RATE_LIMITED: ['REQUEST_LIMIT_EXCEEDED', 429],
  // MLflow has no code for a misdirected request; 421 tells a client it reached the wrong server.
  HTTP_HOST_NOT_ALLOWED: ['PERMISSION_DENIED', 421],
  STORE_UNAVAILABLE: ['TEMPORARILY_UNAVAILABLE', 503],
  // MLflow's code for "the entire file system is out of space"; 507 rather than its 429, which
  // clients would retry at once.
  STORE_DISK_FULL: ['RESOURCE_EXHAUSTED', 507],
};

/**
 * Maps any error reaching the MLflow surface to MLflow's error code, HTTP status and body. Our codes
 * map as MLflow would report the same failure (NOT_FOUND → 404 RESOURCE_DOES_NOT_EXIST, USAGE → 400
 * INVALID_PARAMETER_VALUE…); anything unexpected is a 500 INTERNAL_ERROR without internals.
 *
 * @example
 * mlflowErrorReply(new AmlopsError('NOT_FOUND', "run 'x' not found")).body;
 * // { error_code: 'RESOURCE_DOES_NOT_EXIST', message: "run 'x' not found" }
 */
export function mlflowErrorReply(error: unknown): MlflowErrorReply {
  const amlops = toAmlopsError(error);
  const mapped = MLFLOW_CODES[amlops.code];
  if (mapped)
    return { status: mapped[1], body: { error_code: mapped[0], message: amlops.message }, internal: false };
  if (amlops.status >= 500) {
    const message = amlops.code === 'INTERNAL' ? 'Internal error' : amlops.message;
    return {
      status: 500,
      body: { error_code: 'INTERNAL_ERROR', message },
      internal: amlops.code === 'INTERNAL',
    };
  }
  if (amlops.status === 404)
    return {
      status: 404,
      body: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: amlops.message },
      internal: false,
    };
  return {
    status: 400,
    body: { error_code: 'INVALID_PARAMETER_VALUE', message: amlops.message },
    internal: false,
  };
}
