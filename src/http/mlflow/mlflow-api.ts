import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { registerArtifactDownloadRoutes } from './artifact-download-routes.js';
import { registerArtifactsRoutes } from './artifacts-routes.js';
import { registerExperimentsRoutes } from './experiments-routes.js';
import { installJsonBodyParser } from './install-json-body-parser.js';
import { registerMetricsRoutes } from './metrics-routes.js';
import type { MlflowApiOptions } from './mlflow-api-options.js';
import { installMlflowErrorBoundary } from './mlflow-error-boundary.js';
import { registerModelAliasesRoutes } from './model-aliases-routes.js';
import { registerModelVersionsRoutes } from './model-versions-routes.js';
import { registerRegisteredModelsRoutes } from './registered-models-routes.js';
import { requireJsonBody } from './require-json-body.js';
import { registerRunLoggingRoutes } from './run-logging-routes.js';
import { registerRunsRoutes } from './runs-routes.js';

/** Where MLflow serves its REST API: the documented prefix and the one its web UI calls. */
export const MLFLOW_API_PREFIXES = ['/api/2.0/mlflow', '/ajax-api/2.0/mlflow'] as const;

function registerAll(app: FastifyInstance, options: MlflowApiOptions): void {
  registerExperimentsRoutes(app, options);
  registerRunsRoutes(app, options);
  registerRunLoggingRoutes(app, options);
  registerMetricsRoutes(app, options);
  registerArtifactsRoutes(app, options);
  registerRegisteredModelsRoutes(app, options);
  registerModelAliasesRoutes(app, options);
  registerModelVersionsRoutes(app, options);
}

/**
 * The tracking and registry API compatible with MLflow's REST API 2.0, as a Fastify plugin: every
 * endpoint under `/api/2.0/mlflow/` and `/ajax-api/2.0/mlflow/`, plus MLflow's download routes
 * `/get-artifact` and `/model-versions/get-artifact`. Errors are MLflow's `{error_code, message}`
 * (only for these routes: the plugin is encapsulated), request bodies must be `application/json`,
 * and every artifact path or location is confined to `options.artifacts.rootUri`.
 *
 * @example
 * const app = Fastify();
 * await app.register(mlflowApi, { tracking, registry, artifacts });
 * // the npm `mlflow` client: new MLflow({ endpoint: 'http://127.0.0.1:8080' })
 */
export const mlflowApi: FastifyPluginAsync<MlflowApiOptions> = async (app, options) => {
  const stores: MlflowApiOptions = {
    tracking: options.tracking,
    registry: options.registry,
    artifacts: options.artifacts,
  };
  installMlflowErrorBoundary(app);
  installJsonBodyParser(app);
  app.addHook('onRequest', requireJsonBody);
  for (const prefix of MLFLOW_API_PREFIXES) {
    await app.register(
      async (api) => {
        installMlflowErrorBoundary(api, { notFound: true });
        registerAll(api, stores);
      },
      { prefix },
    );
  }
  registerArtifactDownloadRoutes(app, stores);
};
