import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AmlopsError } from '../core/errors/index.js';
import { MAX_PATH_PARAMETER_LENGTH, toAmlopsError } from './error-body.js';

/**
 * The HTTP error boundary of amlops' own APIs: every error becomes
 * `{"error": {"code", "message", "details"}, "request_id"}` with the code's status. Internal errors
 * are logged with the request id and answered without internals; an unknown route is a 404 in the
 * same shape.
 */
export function installErrorBoundary(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const amlopsError = toAmlopsError(error);
    if (amlopsError.code === 'INTERNAL') request.log.error({ err: error }, 'internal error');
    else request.log.info({ code: amlopsError.code }, amlopsError.message);
    return reply.status(amlopsError.status).send({ error: amlopsError.toJSON(), request_id: request.id });
  });
  app.setNotFoundHandler((request, reply) => {
    const error = new AmlopsError(
      'HTTP_ROUTE_NOT_FOUND',
      `no endpoint ${request.method} ${request.url.split('?')[0]}`,
    );
    return reply.status(error.status).send({ error: error.toJSON(), request_id: request.id });
  });
}

/**
 * Fastify's `frameworkErrors` option: a path the router refuses before any route or hook runs (a
 * malformed %-escape, a parameter longer than {@link MAX_PATH_PARAMETER_LENGTH}) is answered in the
 * same shape as every other error, with its request id, instead of Fastify's own body.
 *
 * @example
 * const app = Fastify({ routerOptions: { maxParamLength: MAX_PATH_PARAMETER_LENGTH }, frameworkErrors: answerFrameworkError });
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const amlopsError = toAmlopsError(error);
  request.log.info({ code: amlopsError.code }, amlopsError.message);
  reply
    .header('x-request-id', request.id)
    .status(amlopsError.status)
    .send({ error: amlopsError.toJSON(), request_id: request.id });
}
