import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';
import { timeOrderedId } from '../adapters/ids/time-ordered-id.js';
import { AmlopsError } from '../core/errors/index.js';
import { MAX_PATH_PARAMETER_LENGTH, toAmlopsError } from './error-body.js';
import { sendAfterBody } from './send-after-body.js';

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
    // An error that says when to try again (the audit log catching up) says it in the header too.
    const retry = (amlopsError.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (typeof retry === 'number') reply.header('retry-after', String(retry));
    return sendAfterBody(request, reply.status(amlopsError.status), {
      error: amlopsError.toJSON(),
      request_id: request.id,
    });
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
 * Fastify's options for the errors it meets before any route or hook runs, answered in the same
 * shape as every other error and counted with `countError(code)`:
 * - `frameworkErrors`: a path the router refuses (a malformed %-escape, a parameter longer than
 *   {@link MAX_PATH_PARAMETER_LENGTH}), answered with its request id instead of Fastify's own body;
 * - `clientErrorHandler`: bytes Node's HTTP parser cannot read as a request (a URL and headers over
 *   16 KB, a malformed request line, a request that does not arrive in time), answered on the
 *   socket, which is then closed.
 *
 * @example
 * const app = Fastify({ routerOptions: { maxParamLength: MAX_PATH_PARAMETER_LENGTH }, ...frameworkErrorAnswers((code) => errors.inc({ code })) });
 */
export function frameworkErrorAnswers(
  countError: (code: string) => void = () => {},
): Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'> {
  return {
    frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
      const amlopsError = toAmlopsError(error);
      countError(amlopsError.code);
      request.log.info({ code: amlopsError.code }, amlopsError.message);
      reply
        .header('x-request-id', request.id)
        .status(amlopsError.status)
        .send({ error: amlopsError.toJSON(), request_id: request.id });
    },
    clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
      // A connection reset has nobody left to answer (Node's own handling does the same).
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const amlopsError = clientError(error.code);
      countError(amlopsError.code);
      if (socket.writable) {
        const body = JSON.stringify({ error: amlopsError.toJSON(), request_id: timeOrderedId() });
        socket.write(
          `HTTP/1.1 ${amlopsError.status} ${STATUS_CODES[amlopsError.status]}\r\n` +
            `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
            `Connection: close\r\n\r\n${body}`,
        );
      }
      socket.destroy();
    },
  };
}

/** The error for what Node's HTTP parser could not read (its `HPE_…` or `ERR_HTTP_…` code). */
function clientError(code: string | undefined): AmlopsError {
  if (code === 'HPE_HEADER_OVERFLOW')
    return new AmlopsError(
      'HTTP_HEADERS_TOO_LARGE',
      'the request line and headers are longer than the server reads (16 KB): send long values in the body',
    );
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return new AmlopsError('HTTP_REQUEST_TIMEOUT', 'the request did not arrive whole in time');
  return new AmlopsError('HTTP_MALFORMED_REQUEST', 'the bytes received are not a readable HTTP request');
}
