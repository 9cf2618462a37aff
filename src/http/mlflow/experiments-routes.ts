import type { FastifyInstance } from 'fastify';
import { AmlopsError } from '../../core/errors/index.js';
import type { Experiment } from '../../core/tracking/index.js';
import { EXPERIMENT_SEARCH_SCHEMA, TRACKING_LIMITS } from '../../core/tracking/index.js';
import type { Page } from '../../ports/page.js';
import { artifactRelativePath } from './artifact-relative-path.js';
import { experimentJson } from './experiment-json.js';
import type { MlflowApiOptions } from './mlflow-api-options.js';
import { omitEmpty } from './omit-empty.js';
import { RequestParams } from './request-params.js';
import { readSearchRequest } from './search-request.js';
import { viewTypeParam } from './view-type-param.js';

const EXPERIMENT_PAGES = {
  defaultMaxResults: TRACKING_LIMITS.defaultMaxResults,
  maxResultsThreshold: TRACKING_LIMITS.maxResultsSearchRuns,
  storePageLimit: TRACKING_LIMITS.maxResultsSearchRuns,
};

function searchAnswer(page: Page<Experiment>) {
  return omitEmpty({ experiments: page.items.map(experimentJson), next_page_token: page.nextPageToken });
}

/**
 * `experiments/*`: create, get, get-by-name, search (POST and GET), the legacy list, update, delete,
 * restore and set-experiment-tag. An `artifact_location` must lie under the artifact root.
 *
 * @example
 * await app.register(async (api) => registerExperimentsRoutes(api, options), { prefix: '/api/2.0/mlflow' });
 */
export function registerExperimentsRoutes(
  app: FastifyInstance,
  { tracking, artifacts }: MlflowApiOptions,
): void {
  app.post('/experiments/create', async (request) => {
    const params = RequestParams.of(request);
    const name = params.string('name');
    const artifactLocation = params.optionalString('artifact_location') || undefined;
    if (artifactLocation !== undefined) artifactRelativePath(artifactLocation, artifacts.rootUri);
    const tags = params.tags();
    const experimentId = await tracking.createExperiment({
      name,
      ...(artifactLocation ? { artifactLocation } : {}),
      ...(tags.length > 0 ? { tags } : {}),
    });
    return { experiment_id: experimentId };
  });

  app.get('/experiments/get', async (request) => {
    const experiment = await tracking.getExperiment(RequestParams.of(request).string('experiment_id'));
    return { experiment: experimentJson(experiment) };
  });

  app.get('/experiments/get-by-name', async (request) => {
    const name = RequestParams.of(request).string('experiment_name');
    const experiment = await tracking.getExperimentByName(name);
    if (!experiment) throw new AmlopsError('NOT_FOUND', `Could not find experiment with name '${name}'`);
    return { experiment: experimentJson(experiment) };
  });

  app.route({
    method: ['GET', 'POST'],
    url: '/experiments/search',
    handler: async (request) => {
      const params = RequestParams.of(request);
      const search = readSearchRequest(params, EXPERIMENT_SEARCH_SCHEMA, EXPERIMENT_PAGES);
      const page = await tracking.searchExperiments({
        ...search,
        viewType: viewTypeParam(params, 'view_type'),
      });
      return searchAnswer(page);
    },
  });

  // MLflow 1.x: without max_results, every experiment in one answer.
  app.get('/experiments/list', async (request) => {
    const params = RequestParams.of(request);
    const viewType = viewTypeParam(params, 'view_type');
    const maxResults = params.optionalInteger('max_results');
    const pageToken = params.optionalString('page_token') || undefined;
    if (maxResults !== undefined) {
      const search = readSearchRequest(params, EXPERIMENT_SEARCH_SCHEMA, EXPERIMENT_PAGES);
      return searchAnswer(await tracking.searchExperiments({ ...search, viewType }));
    }
    const experiments: Experiment[] = [];
    let page = await tracking.searchExperiments({ viewType, ...(pageToken ? { pageToken } : {}) });
    experiments.push(...page.items);
    while (page.nextPageToken) {
      page = await tracking.searchExperiments({ viewType, pageToken: page.nextPageToken });
      experiments.push(...page.items);
    }
    return searchAnswer({ items: experiments });
  });

  app.post('/experiments/update', async (request) => {
    const params = RequestParams.of(request);
    const experimentId = params.string('experiment_id');
    await tracking.renameExperiment(experimentId, params.string('new_name'));
    return {};
  });

  app.post('/experiments/delete', async (request) => {
    await tracking.deleteExperiment(RequestParams.of(request).string('experiment_id'));
    return {};
  });

  app.post('/experiments/restore', async (request) => {
    await tracking.restoreExperiment(RequestParams.of(request).string('experiment_id'));
    return {};
  });

  app.post('/experiments/set-experiment-tag', async (request) => {
    const params = RequestParams.of(request);
    const experimentId = params.string('experiment_id');
    await tracking.setExperimentTag(experimentId, {
      key: params.string('key'),
      value: params.optionalString('value') ?? '',
    });
    return {};
  });
}
