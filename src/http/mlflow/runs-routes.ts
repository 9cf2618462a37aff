import type { FastifyInstance } from 'fastify';
import { RUN_SEARCH_SCHEMA, TRACKING_LIMITS } from '../../core/tracking/index.js';
import type { MlflowApiOptions } from './mlflow-api-options.js';
import { omitEmpty } from './omit-empty.js';
import { RequestParams } from './request-params.js';
import { runInfoJson, runJson } from './run-json.js';
import { runStatusParam } from './run-status-param.js';
import { readSearchRequest } from './search-request.js';
import { viewTypeParam } from './view-type-param.js';

const RUN_PAGES = {
  defaultMaxResults: TRACKING_LIMITS.defaultMaxResults,
  maxResultsThreshold: TRACKING_LIMITS.maxResultsSearchRuns,
  storePageLimit: TRACKING_LIMITS.maxResultsSearchRuns,
};

/**
 * `runs/*` for the run itself: create, get, update, delete, restore and search (MLflow's filter
 * syntax over `metrics.`, `params.`, `tags.` and `attributes.`, `order_by`, `page_token`).
 *
 * @example
 * await app.register(async (api) => registerRunsRoutes(api, options), { prefix: '/api/2.0/mlflow' });
 */
export function registerRunsRoutes(app: FastifyInstance, { tracking }: MlflowApiOptions): void {
  app.post('/runs/create', async (request) => {
    const params = RequestParams.of(request);
    const tags = params.tags();
    const runName =
      params.optionalString('run_name') || tags.find((tag) => tag.key === 'mlflow.runName')?.value;
    // With API keys the key names the run's user, whatever the body says (as MLflow's auth app does).
    const userId = request.caller || params.optionalString('user_id');
    const startTime = params.optionalInteger('start_time');
    const run = await tracking.createRun({
      experimentId: params.optionalString('experiment_id') || '0',
      ...(userId ? { userId } : {}),
      ...(runName ? { runName } : {}),
      ...(startTime !== undefined ? { startTime } : {}),
      ...(tags.length > 0 ? { tags } : {}),
    });
    return { run: runJson(run) };
  });

  app.get('/runs/get', async (request) => {
    return { run: runJson(await tracking.getRun(RequestParams.of(request).runId())) };
  });

  app.post('/runs/update', async (request) => {
    const params = RequestParams.of(request);
    const status = runStatusParam(params, 'status');
    const endTime = params.optionalInteger('end_time');
    const runName = params.optionalString('run_name');
    const info = await tracking.updateRun(params.runId(), {
      ...(status ? { status } : {}),
      ...(endTime !== undefined ? { endTime } : {}),
      ...(runName ? { runName } : {}),
    });
    return { run_info: runInfoJson(info) };
  });

  app.post('/runs/delete', async (request) => {
    await tracking.deleteRun(RequestParams.of(request).runId());
    return {};
  });

  app.post('/runs/restore', async (request) => {
    await tracking.restoreRun(RequestParams.of(request).runId());
    return {};
  });

  app.post('/runs/search', async (request) => {
    const params = RequestParams.of(request);
    const search = readSearchRequest(params, RUN_SEARCH_SCHEMA, RUN_PAGES);
    const page = await tracking.searchRuns({
      ...search,
      experimentIds: params.stringList('experiment_ids'),
      viewType: viewTypeParam(params, 'run_view_type'),
    });
    return omitEmpty({ runs: page.items.map(runJson), next_page_token: page.nextPageToken });
  });
}
