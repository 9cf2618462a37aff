import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

/** How long a browser may reuse a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE = 600;

/**
 * Lets the web pages of `origins` (setting `server.corsOrigins`) call the API from a browser:
 * `@fastify/cors` answers their preflights and adds `Access-Control-Allow-Origin` for them only;
 * any other origin gets no CORS header, so its browser refuses it the answer. Keys travel in
 * `Authorization`, never in cookies: no credentials mode. No origin: nothing is installed and no
 * response carries an `Access-Control-*` header.
 *
 * @example
 * await installCorsAllowlist(app, ['https://ui.example.com']);
 */
export async function installCorsAllowlist(app: FastifyInstance, origins: readonly string[]): Promise<void> {
  if (origins.length === 0) return;
  await app.register(cors, {
    origin: [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    credentials: false,
    maxAge: PREFLIGHT_MAX_AGE,
  });
}
