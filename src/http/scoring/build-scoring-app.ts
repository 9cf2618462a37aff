import Fastify, { type FastifyInstance, type FastifyRequest, LogController } from 'fastify';
import { installAuth, type RouteAccessEntry } from '../auth/install-auth.js';
import { MAX_PATH_PARAMETER_LENGTH, toAmlopsError } from '../error-body.js';
import { answerFrameworkError, installErrorBoundary } from '../error-boundary.js';
import { registerFeedbackRoute } from './feedback-route.js';
import { registerHealthRoutes } from './health-routes.js';
import { registerMlflowScoringRoutes } from './mlflow-scoring-routes.js';
import { registerOipRoutes } from './oip-routes.js';
import { registerPredictRoute } from './predict-route.js';
import type { ScoringAppOptions } from './scoring-app-options.js';
import { timeOrderedId } from './time-ordered-id.js';

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The scoring API as a Fastify app: `/predict`, MLflow's `/invocations`, `/ping` and `/version`,
 * the Open Inference Protocol v2, `/healthz`, `/readyz`, `/metrics` and `/feedback`. Every request
 * has an id (the client's `x-request-id` when well-formed, else a time-ordered UUID v7), echoed in the
 * `x-request-id` header, in every answer body and in the logs. Errors are amlops' error shape;
 * no input produces a 5xx.
 *
 * @example
 * const app = buildScoringApp({ service, metrics, negativeValue: 'CLOSED_NO_ROI', bodyLimit: 10_485_760, version: '0.1.0' });
 * await app.inject({ method: 'POST', url: '/predict', payload: { risk_pld: ['HIGH'], … } });
 */
export function buildScoringApp(options: ScoringAppOptions): FastifyInstance & {
  readonly routeAccess: readonly RouteAccessEntry[];
} {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: options.bodyLimit,
    // Two log lines per request cost more than scoring it: requests are logged at debug level below.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : timeOrderedId();
    },
    return503OnClosing: true,
    maxParamLength: MAX_PATH_PARAMETER_LENGTH,
    frameworkErrors: answerFrameworkError,
  }) as unknown as FastifyInstance;
  installErrorBoundary(app);
  // Before any route: each route gets the access the role table declares as it is registered.
  const routeAccess = installAuth(app, options.auth ?? { scoringNeedsKey: false, metricsNeedsKey: false });
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  // Callback hooks, not async ones: no promise per request on the hot path.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
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
