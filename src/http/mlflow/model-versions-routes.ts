import type { FastifyInstance } from 'fastify';
import { MODEL_VERSION_SEARCH_SCHEMA, parseModelStage, TRACKING_LIMITS } from '../../core/tracking/index.js';
import { checkModelVersionSource } from './check-model-version-source.js';
import type { MlflowApiOptions } from './mlflow-api-options.js';
import { modelVersionJson } from './model-version-json.js';
import { omitEmpty } from './omit-empty.js';
import { RequestParams } from './request-params.js';
import { resolveModelSource } from './resolve-model-source.js';
import { readSearchRequest } from './search-request.js';

// MLflow: 10000 by default, at most 200000; served in pages the store allows.
const VERSION_PAGES = {
  defaultMaxResults: 10_000,
  maxResultsThreshold: 200_000,
  storePageLimit: TRACKING_LIMITS.maxResultsSearchModels,
};

/**
 * `model-versions/*`: create (the source confined to the artifact root), get, search, update,
 * transition-stage (with `archive_existing_versions`), delete, get-download-uri, set-tag, delete-tag.
 *
 * @example
 * await app.register(async (api) => registerModelVersionsRoutes(api, options), { prefix: '/api/2.0/mlflow' });
 */
export function registerModelVersionsRoutes(app: FastifyInstance, options: MlflowApiOptions): void {
  const { registry, tracking, artifacts } = options;

  app.post('/model-versions/create', async (request) => {
    const params = RequestParams.of(request);
    const name = params.string('name');
    const source = params.string('source');
    const runId = params.optionalString('run_id') || undefined;
    const runLink = params.optionalString('run_link');
    const description = params.optionalString('description');
    const tags = params.tags();
    await checkModelVersionSource(source, runId, tracking, artifacts.rootUri);
    const version = await registry.createModelVersion({
      name,
      source,
      ...(runId ? { runId } : {}),
      ...(runLink ? { runLink } : {}),
      ...(description ? { description } : {}),
      ...(tags.length > 0 ? { tags } : {}),
    });
    return { model_version: modelVersionJson(version) };
  });

  app.get('/model-versions/get', async (request) => {
    const params = RequestParams.of(request);
    const version = await registry.getModelVersion(params.string('name'), params.string('version'));
    return { model_version: modelVersionJson(version) };
  });

  app.get('/model-versions/search', async (request) => {
    const search = readSearchRequest(RequestParams.of(request), MODEL_VERSION_SEARCH_SCHEMA, VERSION_PAGES);
    const page = await registry.searchModelVersions(search);
    return omitEmpty({
      model_versions: page.items.map(modelVersionJson),
      next_page_token: page.nextPageToken,
    });
  });

  app.patch('/model-versions/update', async (request) => {
    const params = RequestParams.of(request);
    const description = params.optionalString('description');
    const version = await registry.updateModelVersion(
      params.string('name'),
      params.string('version'),
      description === undefined ? {} : { description },
    );
    return { model_version: modelVersionJson(version) };
  });

  app.post('/model-versions/transition-stage', async (request) => {
    const params = RequestParams.of(request);
    const name = params.string('name');
    const versionNumber = params.string('version');
    const stage = parseModelStage(params.string('stage'));
    const archive = params.optionalBoolean('archive_existing_versions') ?? false;
    const version = await registry.transitionModelVersionStage(name, versionNumber, stage, archive);
    return { model_version: modelVersionJson(version) };
  });

  app.delete('/model-versions/delete', async (request) => {
    const params = RequestParams.of(request);
    await registry.deleteModelVersion(params.string('name'), params.string('version'));
    return {};
  });

  app.get('/model-versions/get-download-uri', async (request) => {
    const params = RequestParams.of(request);
    const version = await registry.getModelVersion(params.string('name'), params.string('version'));
    return { artifact_uri: await resolveModelSource(version.source, tracking) };
  });

  app.post('/model-versions/set-tag', async (request) => {
    const params = RequestParams.of(request);
    await registry.setModelVersionTag(params.string('name'), params.string('version'), {
      key: params.string('key'),
      value: params.optionalString('value') ?? '',
    });
    return {};
  });

  app.delete('/model-versions/delete-tag', async (request) => {
    const params = RequestParams.of(request);
    await registry.deleteModelVersionTag(
      params.string('name'),
      params.string('version'),
      params.string('key'),
    );
    return {};
  });
}
