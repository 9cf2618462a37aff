import type { FastifyInstance } from 'fastify';
import { AmlopsError } from '../../core/errors/index.js';
import { type Metric, TRACKING_LIMITS } from '../../core/tracking/index.js';
import type { MlflowApiOptions } from './mlflow-api-options.js';
import { RequestParams } from './request-params.js';

function metricOf(params: RequestParams): Metric {
  return {
    key: params.string('key'),
    value: params.double('value'),
    timestamp: params.integer('timestamp'),
    step: params.optionalInteger('step') ?? 0,
  };
}

function checkBatchLimit(what: string, count: number, limit: number): void {
  if (count > limit)
    throw new AmlopsError(
      'USAGE',
      `A batch logging request can contain at most ${limit} ${what}. Got ${count} ${what}. ` +
        `Please split up ${what} across multiple requests and try again.`,
    );
}

/**
 * `runs/*` that write a run's data: log-metric, log-parameter, set-tag, delete-tag and log-batch
 * (with MLflow's limits: 1000 metrics, 100 params, 100 tags, 1000 in all, checked before any write).
 *
 * @example
 * await app.register(async (api) => registerRunLoggingRoutes(api, options), { prefix: '/api/2.0/mlflow' });
 */
export function registerRunLoggingRoutes(app: FastifyInstance, { tracking }: MlflowApiOptions): void {
  app.post('/runs/log-metric', async (request) => {
    const params = RequestParams.of(request);
    await tracking.logMetric(params.runId(), metricOf(params));
    return {};
  });

  app.post('/runs/log-parameter', async (request) => {
    const params = RequestParams.of(request);
    await tracking.logParam(params.runId(), {
      key: params.string('key'),
      value: params.optionalString('value') ?? '',
    });
    return {};
  });

  app.post('/runs/set-tag', async (request) => {
    const params = RequestParams.of(request);
    await tracking.setTag(params.runId(), {
      key: params.string('key'),
      value: params.optionalString('value') ?? '',
    });
    return {};
  });

  app.post('/runs/delete-tag', async (request) => {
    const params = RequestParams.of(request);
    await tracking.deleteTag(params.runId(), params.string('key'));
    return {};
  });

  app.post('/runs/log-batch', async (request) => {
    const params = RequestParams.of(request);
    const runId = params.runId();
    const metricItems = params.objects('metrics');
    const params_ = params.tags('params');
    const tags = params.tags('tags');
    checkBatchLimit('metrics', metricItems.length, TRACKING_LIMITS.maxMetricsPerBatch);
    checkBatchLimit('params', params_.length, TRACKING_LIMITS.maxParamsTagsPerBatch);
    checkBatchLimit('tags', tags.length, TRACKING_LIMITS.maxParamsTagsPerBatch);
    checkBatchLimit(
      'metrics, params, and tags',
      metricItems.length + params_.length + tags.length,
      TRACKING_LIMITS.maxEntitiesPerBatch,
    );
    const metrics = metricItems.map((item) => metricOf(new RequestParams(item, false)));
    await tracking.logBatch(runId, { metrics, params: params_, tags });
    return {};
  });
}
