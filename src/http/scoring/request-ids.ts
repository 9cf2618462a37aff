import type { FastifyInstance } from 'fastify';

/** What a client's `X-Request-Id` may be to be kept: short, and nothing a log or a header could misread. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

declare module 'fastify' {
  interface FastifyRequest {
    /** The client's `X-Request-Id` when it sent a well-formed one, else null; never the request's id. */
    clientRequestId: string | null;
  }
}

/**
 * Every request's id is the server's (`genReqId`, a UUID v7): the audit key of its cases, answered
 * in the `x-request-id` header. A client's own well-formed `X-Request-Id` is kept apart as
 * `request.clientRequestId`: echoed in `x-client-request-id`, bound to the request's log lines as
 * `clientReqId`, and recorded with its cases; a malformed one is ignored. Two requests sent with
 * the same `X-Request-Id` are two requests, with two keys.
 *
 * @example
 * const app = Fastify({ genReqId: () => timeOrderedId() });
 * installRequestIds(app); // before the routes
 */
export function installRequestIds(app: FastifyInstance): void {
  app.decorateRequest('clientRequestId', null);
  // A callback hook, not an async one: no promise per request on the hot path.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    const given = request.headers['x-request-id'];
    if (typeof given === 'string' && CLIENT_REQUEST_ID.test(given)) {
      request.clientRequestId = given;
      reply.header('x-client-request-id', given);
      // The reply logs errors through its own reference to the request's logger: both get the binding.
      const log = request.log.child({ clientReqId: given });
      request.log = log;
      reply.log = log;
    }
    done();
  });
}
