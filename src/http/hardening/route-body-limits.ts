import type { FastifyInstance } from 'fastify';
import { SCORING_URLS } from '../auth/route-roles.js';

const MB = 1_048_576;

/** Largest body of amlops' and MLflow's JSON APIs, and of any route not named below: 1 MB. */
export const JSON_BODY_LIMIT = MB;

/**
 * Largest body of MLflow's `runs/log-batch`: MLflow's own limits (1000 metrics, 100 params of up
 * to 6000 characters, 100 tags of up to 8000) add up to under 2 MB of JSON; twice that leaves room
 * for escaping.
 */
export const LOG_BATCH_BODY_LIMIT = 4 * MB;

const LOG_BATCH_URLS = new Set(['/api/2.0/mlflow/runs/log-batch', '/ajax-api/2.0/mlflow/runs/log-batch']);

/**
 * The largest body a route accepts, in bytes, in one table: scoring routes take
 * `scoring.bodyLimitBytes` (`scoringLimit`), MLflow's log-batch {@link LOG_BATCH_BODY_LIMIT}, every
 * other route {@link JSON_BODY_LIMIT}.
 *
 * @example
 * routeBodyLimit('POST', '/predict', 10_485_760); // 10485760
 * routeBodyLimit('POST', '/api/v1/models/:name/promote', 10_485_760); // 1048576
 */
export function routeBodyLimit(method: string, url: string, scoringLimit: number): number {
  if (method === 'POST' && SCORING_URLS.has(url)) return scoringLimit;
  if (LOG_BATCH_URLS.has(url)) return LOG_BATCH_BODY_LIMIT;
  return JSON_BODY_LIMIT;
}

/**
 * Gives every route registered after this call its body limit from {@link routeBodyLimit}, unless
 * the route sets its own; a larger body is 413 HTTP_BODY_TOO_LARGE in the route's error shape.
 *
 * @example
 * installRouteBodyLimits(app, config['scoring.bodyLimitBytes']);
 */
export function installRouteBodyLimits(app: FastifyInstance, scoringLimit: number): void {
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    route.bodyLimit ??= Math.max(...methods.map((method) => routeBodyLimit(method, route.url, scoringLimit)));
  });
}
