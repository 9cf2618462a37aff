import type { FastifyInstance } from 'fastify';
import { modelAliases } from '../../services/model-aliases.js';
import { promoteModelVersion } from '../../services/promote-model-version.js';
import { PRODUCTION_ALIAS } from '../../services/promotion-tags.js';
import type { MlflowApiOptions } from './mlflow-api-options.js';
import { modelVersionJson } from './model-version-json.js';
import { RequestParams } from './request-params.js';

/** Why a production alias set through this API moved: recorded as the promotion's reason. */
const PROMOTED_THROUGH_MLFLOW = 'set through the MLflow API (registered-models/alias)';

/**
 * Aliases of registered models: `POST registered-models/alias` sets one, `DELETE` removes it, `GET`
 * (and `GET registered-models/get-model-version-by-alias`) answers the version it points to. Every
 * change is recorded with who made it (the caller's key or token, else `api:<address>`): setting
 * `production` is a promotion (the promotion gate applies; overriding it takes `amlops models
 * promote --force` with an admin key), deleting it is refused (a rollback says where production
 * goes), and other aliases are recorded on the versions they move between.
 *
 * @example
 * await app.register(async (api) => registerModelAliasesRoutes(api, options), { prefix: '/api/2.0/mlflow' });
 */
export function registerModelAliasesRoutes(app: FastifyInstance, { registry }: MlflowApiOptions): void {
  app.post('/registered-models/alias', async (request) => {
    const params = RequestParams.of(request);
    const [name, alias, version] = [params.string('name'), params.string('alias'), params.string('version')];
    const by = request.caller || `api:${request.ip}`;
    if (alias === PRODUCTION_ALIAS)
      await promoteModelVersion(registry, { name, version, by, reason: PROMOTED_THROUGH_MLFLOW });
    else await modelAliases.set(registry, { name, alias, version, by });
    return {};
  });

  app.delete('/registered-models/alias', async (request) => {
    const params = RequestParams.of(request);
    const by = request.caller || `api:${request.ip}`;
    await modelAliases.delete(registry, { name: params.string('name'), alias: params.string('alias'), by });
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
