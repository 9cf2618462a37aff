import type { FastifyInstance } from 'fastify';
import { AmlopsError } from '../../core/errors/index.js';
import type { ModelVersion } from '../../core/tracking/index.js';
import { MODEL_VERSION_SEARCH_SCHEMA, parseModelStage, TRACKING_LIMITS } from '../../core/tracking/index.js';
import { artifactsAt } from '../../services/artifacts-at.js';
import { loadModelVersion } from '../../services/load-model-version.js';
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
 * Loads a version being registered as a scoring server would (bundle, features, input example
 * scored): MODEL_NOT_LOADABLE, naming the source and why, when it does not load.
 */
async function verifyLoadable(
  registry: MlflowApiOptions['registry'],
  artifacts: MlflowApiOptions['artifacts'],
  version: ModelVersion,
): Promise<void> {
  try {
    await loadModelVersion({ registry, openArtifacts: (uri) => artifactsAt(artifacts, uri) }, version);
  } catch (error) {
    throw new AmlopsError(
      'MODEL_NOT_LOADABLE',
      `the source ${version.source} holds no model amlops can serve (${(error as Error).message}); register a model trained by amlops, or import an XGBoost model with amlops models import --xgboost`,
      { source: version.source },
      { cause: error },
    );
  }
}

/**
 * `model-versions/*`: create (the source confined to the artifact root, and loadable as a model),
 * get, search, update,
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
    const version = await registry.createModelVersion(
      {
        name,
        source,
        ...(runId ? { runId } : {}),
        ...(runLink ? { runLink } : {}),
        ...(description ? { description } : {}),
        ...(tags.length > 0 ? { tags } : {}),
      },
      // Never READY without a model amlops can serve: a promoted version must load.
      { verify: (pending) => verifyLoadable(registry, artifacts, pending) },
    );
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
