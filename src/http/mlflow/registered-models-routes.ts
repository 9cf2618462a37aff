import type { FastifyInstance } from 'fastify';
import { REGISTERED_MODEL_SEARCH_SCHEMA, TRACKING_LIMITS } from '../../core/tracking/index.js';
import type { MlflowApiOptions } from './mlflow-api-options.js';
import { modelVersionJson } from './model-version-json.js';
import { omitEmpty } from './omit-empty.js';
import { registeredModelJson } from './registered-model-json.js';
import { RequestParams } from './request-params.js';
import { readSearchRequest } from './search-request.js';
import { stagesParam } from './stage-param.js';

// MLflow: 100 by default, at most 1000.
const MODEL_PAGES = {
  defaultMaxResults: 100,
  maxResultsThreshold: 1000,
  storePageLimit: TRACKING_LIMITS.maxResultsSearchModels,
};

/**
 * `registered-models/*`: create, get, search, rename, update, delete, get-latest-versions, set-tag
 * and delete-tag. (Aliases are in `model-aliases-routes.ts`.)
 *
 * @example
 * await app.register(async (api) => registerRegisteredModelsRoutes(api, options), { prefix: '/api/2.0/mlflow' });
 */
export function registerRegisteredModelsRoutes(app: FastifyInstance, { registry }: MlflowApiOptions): void {
  app.post('/registered-models/create', async (request) => {
    const params = RequestParams.of(request);
    const description = params.optionalString('description');
    const tags = params.tags();
    const model = await registry.createRegisteredModel({
      name: params.string('name'),
      ...(description ? { description } : {}),
      ...(tags.length > 0 ? { tags } : {}),
    });
    return { registered_model: registeredModelJson(model) };
  });

  app.get('/registered-models/get', async (request) => {
    const model = await registry.getRegisteredModel(RequestParams.of(request).string('name'));
    return { registered_model: registeredModelJson(model) };
  });

  app.get('/registered-models/search', async (request) => {
    const search = readSearchRequest(RequestParams.of(request), REGISTERED_MODEL_SEARCH_SCHEMA, MODEL_PAGES);
    const page = await registry.searchRegisteredModels(search);
    return omitEmpty({
      registered_models: page.items.map(registeredModelJson),
      next_page_token: page.nextPageToken,
    });
  });

  app.post('/registered-models/rename', async (request) => {
    const params = RequestParams.of(request);
    const model = await registry.renameRegisteredModel(params.string('name'), params.string('new_name'));
    return { registered_model: registeredModelJson(model) };
  });

  app.patch('/registered-models/update', async (request) => {
    const params = RequestParams.of(request);
    const description = params.optionalString('description');
    const model = await registry.updateRegisteredModel(
      params.string('name'),
      description === undefined ? {} : { description },
    );
    return { registered_model: registeredModelJson(model) };
  });

  app.delete('/registered-models/delete', async (request) => {
    await registry.deleteRegisteredModel(RequestParams.of(request).string('name'));
    return {};
  });

  app.route({
    method: ['GET', 'POST'],
    url: '/registered-models/get-latest-versions',
    handler: async (request) => {
      const params = RequestParams.of(request);
      const versions = await registry.getLatestVersions(
        params.string('name'),
        stagesParam(params.stringList('stages')),
      );
      return omitEmpty({ model_versions: versions.map(modelVersionJson) });
    },
  });

  app.post('/registered-models/set-tag', async (request) => {
    const params = RequestParams.of(request);
    await registry.setRegisteredModelTag(params.string('name'), {
      key: params.string('key'),
      value: params.optionalString('value') ?? '',
    });
    return {};
  });

  app.delete('/registered-models/delete-tag', async (request) => {
    const params = RequestParams.of(request);
    await registry.deleteRegisteredModelTag(params.string('name'), params.string('key'));
    return {};
  });
}
