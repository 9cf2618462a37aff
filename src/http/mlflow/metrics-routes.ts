import type { FastifyInstance } from 'fastify';
import { metricJson } from './metric-json.js';
import type { MlflowApiOptions } from './mlflow-api-options.js';
import { omitEmpty } from './omit-empty.js';
import { RequestParams } from './request-params.js';

/**
 * `metrics/get-history`: every measurement of one metric of a run, in step then timestamp order.
 *
 * @example
 * await app.register(async (api) => registerMetricsRoutes(api, options), { prefix: '/api/2.0/mlflow' });
 */
export function registerMetricsRoutes(app: FastifyInstance, { tracking }: MlflowApiOptions): void {
  app.get('/metrics/get-history', async (request) => {
    const params = RequestParams.of(request);
    const history = await tracking.getMetricHistory(params.runId(), params.string('metric_key'));
    return omitEmpty({ metrics: history.map(metricJson) });
  });
}
