import type { FastifyReply, FastifyRequest } from 'fastify';
import { AmlopsError } from '../../core/errors/index.js';

const SAFE_CONTENT_TYPE = /^[a-zA-Z0-9\-/;,+_ .=]*$/;

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * An `onRequest` hook refusing, before any body is read, a POST or PUT whose content type is not
 * `application/json` (parameters such as `charset` aside), and a PATCH or DELETE that carries a body
 * of another type. Answered 415 with MLflow's message.
 *
 * @example
 * app.addHook('onRequest', requireJsonBody);
 */
export async function requireJsonBody(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const method = request.method;
  if (method !== 'POST' && method !== 'PUT' && method !== 'PATCH' && method !== 'DELETE') return;
  if ((method === 'PATCH' || method === 'DELETE') && !hasBody(request)) return;
  const header = request.headers['content-type'];
  const mediaType = header?.split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'application/json') return;
  let message = 'Bad Request. Content-Type must be one of [application/json].';
  // Echo the type only when it cannot carry markup (MLflow's guard against reflected XSS).
  if (header !== undefined && SAFE_CONTENT_TYPE.test(header)) message += ` Got '${mediaType}'.`;
  throw new AmlopsError('HTTP_UNSUPPORTED_MEDIA_TYPE', message);
}
