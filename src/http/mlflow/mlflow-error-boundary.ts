import type { FastifyInstance } from 'fastify';
import { AmlopsError } from '../../core/errors/index.js';
import { sendAfterBody } from '../send-after-body.js';
import { mlflowErrorReply } from './mlflow-error-reply.js';

/**
 * The error boundary of the MLflow surface, in the encapsulated context of its routes: every error
 * is answered `{"error_code", "message"}` with MLflow's status (see {@link mlflowErrorReply}); bugs
 * are logged with the request id and answered without internals. With `notFound`, unknown paths under
 * the context's prefix are `404 ENDPOINT_NOT_FOUND` in the same shape.
 *
 * @example
 * await app.register(async (api) => { installMlflowErrorBoundary(api, { notFound: true }); … }, { prefix: '/api/2.0/mlflow' });
 */
export function installMlflowErrorBoundary(app: FastifyInstance, options: { notFound?: boolean } = {}): void {
  app.setErrorHandler((error, request, reply) => {
    const { status, body, internal } = mlflowErrorReply(error);
    if (internal) request.log.error({ err: error }, 'internal error');
    else request.log.info({ error_code: body.error_code }, body.message);
    return sendAfterBody(request, reply.status(status), body);
  });
  if (options.notFound) {
    app.setNotFoundHandler((request, reply) => {
      const error = new AmlopsError(
        'HTTP_ROUTE_NOT_FOUND',
        `no endpoint ${request.method} ${request.url.split('?')[0]}`,
      );
      const { status, body } = mlflowErrorReply(error);
      return reply.status(status).send(body);
    });
  }
}
