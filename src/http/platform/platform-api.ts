import type { FastifyPluginAsync } from 'fastify';
import { installErrorBoundary } from '../error-boundary.js';
import { requireJsonBody } from '../mlflow/require-json-body.js';
import { registerAlertsRoutes } from './alerts-routes.js';
import { registerCasesRoutes } from './cases-routes.js';
import { registerExperimentsRoutes } from './experiments-routes.js';
import { registerModelsRoutes } from './models-routes.js';
import { registerPipelinesRoutes } from './pipelines-routes.js';
import type { PlatformApiOptions } from './platform-api-options.js';
import { registerPredictionsRoutes } from './predictions-routes.js';
import { registerQualityRoutes } from './quality-routes.js';
import { registerRunsRoutes } from './runs-routes.js';
import { registerServiceRoutes } from './service-routes.js';

/** Where amlops' own API lives. */
export const PLATFORM_API_PREFIX = '/api/v1';

/**
 * amlops' own JSON API for the web UI, over the same services as the CLI: experiments, runs (list,
 * show, compare, JSON artifacts), models (list, show, promote, rollback), scored cases and their
 * live performance, the analysts' cases, data quality and drift reports, alerts, pipeline runs (list, show, logs,
 * start, retry, cancel) and schedules, and the scoring service's figures under `/api/v1`. Errors
 * are amlops' `{"error": {code, message, details}, "request_id"}` with the code's status (only for
 * these routes: the plugin is encapsulated); POST bodies must be `application/json`.
 *
 * @example
 * const app = Fastify();
 * await app.register(platformApi, { stores: { tracking, registry, artifacts } });
 * await app.inject({ method: 'GET', url: '/api/v1/models' });
 */
export const platformApi: FastifyPluginAsync<PlatformApiOptions> = async (app, options) => {
  const routes: PlatformApiOptions = {
    stores: options.stores,
    ...(options.auditLog ? { auditLog: options.auditLog } : {}),
    ...(options.feedbackLog ? { feedbackLog: options.feedbackLog } : {}),
    ...(options.quality ? { quality: options.quality } : {}),
    ...(options.alerts ? { alerts: options.alerts } : {}),
    ...(options.serviceStats ? { serviceStats: options.serviceStats } : {}),
    ...(options.pipelines ? { pipelines: options.pipelines } : {}),
    ...(options.explainCase ? { explainCase: options.explainCase } : {}),
    ...(options.cases ? { cases: options.cases } : {}),
    ...(options.caseSettings ? { caseSettings: options.caseSettings } : {}),
  };
  await app.register(
    async (api) => {
      installErrorBoundary(api);
      api.addHook('onRequest', requireJsonBody);
      registerExperimentsRoutes(api, routes);
      registerRunsRoutes(api, routes);
      registerModelsRoutes(api, routes);
      registerPredictionsRoutes(api, routes);
      registerCasesRoutes(api, routes);
      registerQualityRoutes(api, routes);
      registerAlertsRoutes(api, routes);
      registerPipelinesRoutes(api, routes);
      registerServiceRoutes(api, routes);
    },
    { prefix: PLATFORM_API_PREFIX },
  );
};
