import Fastify, { type FastifyInstance, type FastifyRequest, LogController } from 'fastify';
import { timeOrderedId } from '../../adapters/ids/time-ordered-id.js';
import { installAuth, type RouteAccessEntry } from '../auth/install-auth.js';
import { SCORING_URLS } from '../auth/route-roles.js';
import { MAX_PATH_PARAMETER_LENGTH, toAmlopsError } from '../error-body.js';
import { frameworkErrorAnswers, installErrorBoundary } from '../error-boundary.js';
import {
  installCorsAllowlist,
  installHostAllowlist,
  installRateLimits,
  installRouteBodyLimits,
  installSecurityHeaders,
  JSON_BODY_LIMIT,
} from '../hardening/index.js';
import { registerFeedbackRoute } from './feedback-route.js';
import { registerHealthRoutes } from './health-routes.js';
import { registerMlflowScoringRoutes } from './mlflow-scoring-routes.js';
import { registerOipRoutes } from './oip-routes.js';
import { registerPredictRoute } from './predict-route.js';
import { installRequestIds } from './request-ids.js';
import type { ScoringAppOptions } from './scoring-app-options.js';

/**
 * The scoring API as a Fastify app: `/predict`, MLflow's `/invocations`, `/ping` and `/version`,
 * the Open Inference Protocol v2, `/healthz`, `/readyz`, `/metrics` and `/feedback`. Every request
 * has an id the server makes (a time-ordered UUID v7, the audit key of its cases), echoed in the
 * `x-request-id` header, in every answer body and in the logs; a client's own well-formed
 * `X-Request-Id` is kept apart (`installRequestIds`). Errors are amlops' error shape; no input
 * produces a 5xx. Hardened as `options.hardening` says (docs/security.md, "Hardening"): security
 * headers on every answer, a `Host` allowlist, CORS for listed origins only, a body limit per
 * route, rate limits, HTTPS when given a certificate. Routes registered on the app afterwards (the
 * MLflow and platform APIs) get the same.
 *
 * @example
 * const app = await buildScoringApp({ service, metrics, negativeValue: 'CLOSED_NO_ROI', bodyLimit: 10_485_760, version: '0.1.0', hardening });
 * await app.inject({ method: 'POST', url: '/predict', payload: { risk_pld: ['HIGH'], … } });
 */
export async function buildScoringApp(options: ScoringAppOptions): Promise<
  FastifyInstance & {
    readonly routeAccess: readonly RouteAccessEntry[];
  }
> {
  const { hardening } = options;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    ...(hardening.tls ? { https: { cert: hardening.tls.cert, key: hardening.tls.key } } : {}),
    ...(hardening.trustedProxies.length > 0 ? { trustProxy: [...hardening.trustedProxies] } : {}),
    // Routes not named in route-body-limits.ts; each route gets its own limit there.
    bodyLimit: JSON_BODY_LIMIT,
    // Two log lines per request cost more than scoring it: requests are logged at debug level below.
    logController: new LogController({ disableRequestLogging: true }),
    // Always the server's: a client's X-Request-Id may be reused, an audit key must not be.
    genReqId: () => timeOrderedId(),
    return503OnClosing: true,
    routerOptions: { maxParamLength: MAX_PATH_PARAMETER_LENGTH },
    ...frameworkErrorAnswers((code) => options.metrics.errors.inc({ code })),
  }) as unknown as FastifyInstance;
  installErrorBoundary(app);
  // Callback hooks, not async ones: no promise per request on the hot path. The request ids, then
  // the security headers, come first: every answer carries them, refusals included.
  installRequestIds(app);
  installSecurityHeaders(app, { https: hardening.tls !== undefined, skip: SCORING_URLS });
  installHostAllowlist(app, hardening.allowedHosts);
  await installCorsAllowlist(app, hardening.corsOrigins);
  // Before any route: each route gets its body limit, rate limit and access as it is registered.
  installRouteBodyLimits(app, options.bodyLimit);
  const failedAuth = await installRateLimits(app, hardening.rateLimits);
  const auth = options.auth ?? { scoringNeedsKey: false, metricsNeedsKey: false };
  const routeAccess = installAuth(app, { ...auth, ...(failedAuth ? { failedAuth } : {}) });
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.addHook('onError', (_request, _reply, error, done) => {
    options.metrics.errors.inc({ code: toAmlopsError(error).code });
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    options.metrics.httpDuration.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    if (request.log.level === 'debug' || request.log.level === 'trace')
      request.log.debug({ route, status: reply.statusCode, ms: reply.elapsedTime }, 'request done');
    done();
  });
  const withCaller = {
    ...options,
    callerOf: options.callerOf ?? ((request: FastifyRequest) => request.caller),
  };
  registerPredictRoute(app, withCaller);
  registerMlflowScoringRoutes(app, withCaller);
  registerOipRoutes(app, withCaller);
  registerHealthRoutes(app, withCaller);
  registerFeedbackRoute(app, withCaller);
  return Object.assign(app, { routeAccess });
}
