import type { FastifyInstance } from 'fastify';
import type { MlflowApiOptions } from './mlflow-api-options.js';
import { modelVersionJson } from './model-version-json.js';
import { RequestParams } from './request-params.js';

/**
 * Aliases of registered models: `POST registered-models/alias` sets one, `DELETE` removes it, `GET`
 * (and `GET registered-models/get-model-version-by-alias`) answers the version it points to.
 *
 * @example
 * await app.register(async (api) => registerModelAliasesRoutes(api, options), { prefix: '/api/2.0/mlflow' });
 */
export function registerModelAliasesRoutes(app: FastifyInstance, { registry }: MlflowApiOptions): void {
  app.post('/registered-models/alias', async (request) => {
    const params = RequestParams.of(request);
    await registry.setAlias(params.string('name'), params.string('alias'), params.string('version'));
    return {};
  });

  app.delete('/registered-models/alias', async (request) => {
    const params = RequestParams.of(request);
    await registry.deleteAlias(params.string('name'), params.string('alias'));
    return {};
  });

  for (const url of ['/registered-models/alias', '/registered-models/get-model-version-by-alias']) {
    app.get(url, async (request) => {
      const params = RequestParams.of(request);
      const version = await registry.getVersionByAlias(params.string('name'), params.string('alias'));
      return { model_version: modelVersionJson(version) };
    });
  }
}
