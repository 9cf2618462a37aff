import type { FastifyReply, FastifyRequest } from 'fastify';

/** Longest an error answer waits for the rest of a body it will not read. */
export const LINGER_MS = 1000;

/**
 * Sends `payload` once the request's body has arrived (and been thrown away), or after
 * {@link LINGER_MS}. A body refused before it is read (too large, of a type the route does not
 * take) would otherwise still be on its way when the server answers and closes the connection: the
 * client, still writing, gets a reset instead of the answer that says what was wrong. Reading the
 * rest first ("lingering close", as nginx does) lets the client read the answer. A request already
 * read whole is answered at once, with no promise.
 *
 * @example
 * app.setErrorHandler((error, request, reply) => sendAfterBody(request, reply.status(413), body));
 */
export function sendAfterBody(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
): FastifyReply | Promise<FastifyReply> {
  const raw = request.raw;
  if (raw.complete || raw.readableEnded || raw.destroyed) return reply.send(payload);
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      raw.off('end', finish);
      raw.off('close', finish);
      resolve(reply.send(payload));
    };
    const timer = setTimeout(finish, LINGER_MS);
    raw.once('end', finish);
    raw.once('close', finish);
    // In flowing mode with nobody listening for data, what arrives is thrown away.
    raw.resume();
  });
}
