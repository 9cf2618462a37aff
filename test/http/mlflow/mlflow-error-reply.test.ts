import { describe, expect, it } from 'vitest';
import { AmlopsError, ERROR_CODES, type ErrorCode } from '../../../src/core/errors/index.js';
import { mlflowErrorReply } from '../../../src/http/mlflow/index.js';

/** MLflow's error codes and the HTTP status it answers each with (mlflow/exceptions.py). */
const MLFLOW_STATUS: Readonly<Record<string, number>> = {
  INTERNAL_ERROR: 500,
  TEMPORARILY_UNAVAILABLE: 503,
  BAD_REQUEST: 400,
  INVALID_PARAMETER_VALUE: 400,
  ENDPOINT_NOT_FOUND: 404,
  RESOURCE_DOES_NOT_EXIST: 404,
  RESOURCE_ALREADY_EXISTS: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  REQUEST_LIMIT_EXCEEDED: 429,
  RESOURCE_EXHAUSTED: 429,
};

describe('mlflowErrorReply', () => {
  it('maps every amlops error code to an MLflow code with its status (415, 413, 421 and 507 aside)', () => {
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
      const { status, body } = mlflowErrorReply(new AmlopsError(code, 'why'));
      expect(MLFLOW_STATUS[body.error_code], code).toBeDefined();
      if (code === 'HTTP_UNSUPPORTED_MEDIA_TYPE') expect(status).toBe(415);
      else if (code === 'HTTP_BODY_TOO_LARGE') expect(status).toBe(413);
      else if (code === 'HTTP_HOST_NOT_ALLOWED') expect(status).toBe(421);
      // A full disk is not a rate limit to retry at once (MLflow's 429 for RESOURCE_EXHAUSTED).
      else if (code === 'STORE_DISK_FULL') expect(status).toBe(507);
      else expect(status, code).toBe(MLFLOW_STATUS[body.error_code]);
    }
  });

  it('maps the codes the stores throw as MLflow reports the same failure', () => {
    const cases: [ErrorCode, string, number][] = [
      ['NOT_FOUND', 'RESOURCE_DOES_NOT_EXIST', 404],
      ['FILE_NOT_FOUND', 'RESOURCE_DOES_NOT_EXIST', 404],
      ['RESOURCE_ALREADY_EXISTS', 'RESOURCE_ALREADY_EXISTS', 400],
      ['USAGE', 'INVALID_PARAMETER_VALUE', 400],
      ['INVALID_STATE', 'INVALID_PARAMETER_VALUE', 400],
      ['ARTIFACT_PATH_INVALID', 'INVALID_PARAMETER_VALUE', 400],
      ['STORE_UNAVAILABLE', 'TEMPORARILY_UNAVAILABLE', 503],
      ['STORE_DISK_FULL', 'RESOURCE_EXHAUSTED', 507],
      ['INTERNAL', 'INTERNAL_ERROR', 500],
    ];
    for (const [code, mlflowCode, status] of cases) {
      const reply = mlflowErrorReply(new AmlopsError(code, 'the reason'));
      expect(reply.status, code).toBe(status);
      expect(reply.body.error_code, code).toBe(mlflowCode);
    }
  });

  it('hides the message of a bug and flags it for the log', () => {
    const reply = mlflowErrorReply(new TypeError('cannot read x of undefined at /srv/app.js'));
    expect(reply).toEqual({
      status: 500,
      body: { error_code: 'INTERNAL_ERROR', message: 'Internal error' },
      internal: true,
    });
  });
});
