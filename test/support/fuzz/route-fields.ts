import type { JsonValue } from 'fast-check';
import { EXAMPLE_BODY } from '../../scoring/scoring-test-kit.js';
import type { FuzzedRoute } from './fuzzed-request.js';

const SCORING_FIELDS = [
  ...Object.keys(EXAMPLE_BODY),
  ...['case_id', 'dataframe_split', 'dataframe_records', 'instances', 'inputs', 'columns', 'data'],
  ...['index', 'explain', 'params', 'id', 'name', 'shape', 'datatype', 'parameters', 'outputs'],
  ...['request_id', 'row', 'conclusion', 'analyst'],
];
const MLFLOW_FIELDS = [
  ...['name', 'key', 'value', 'version', 'experiment_id', 'experiment_ids', 'experiment_name'],
  ...['description', 'path', 'alias', 'step', 'run_name', 'run_id', 'run_uuid', 'page_token'],
  ...['new_name', 'max_results', 'user_id', 'timestamp', 'tags', 'start_time', 'end_time'],
  ...['stages', 'stage', 'source', 'run_link', 'params', 'metrics', 'order_by', 'model'],
  ...['metric_key', 'filter', 'artifact_location', 'archive_existing_versions', 'status', 'view_type'],
];
const PLATFORM_FIELDS = [
  ...['experiment', 'filter', 'ids', 'max_results', 'model', 'page_token', 'rule', 'run', 'since'],
  ...['until', 'version', 'window', 'view', 'kind', 'force', 'by', 'for', 'reason'],
  ...['flow', 'params', 'state', 'after_seq', 'model_version', 'request_id', 'case_id'],
  ...['min_score', 'max_score', 'alias'],
];

/**
 * The fields a route reads, in its body or query string: those of the API it belongs to (scoring,
 * MLflow's, amlops' `/api/v1`) and its path parameters' names.
 *
 * @example
 * routeFields({ method: 'POST', url: '/api/2.0/mlflow/runs/log-metric' }); // ['name', 'key', 'value', …]
 */
export function routeFields(route: FuzzedRoute): string[] {
  const params = [...route.url.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]!);
  if (route.url.startsWith('/api/v1/')) return [...PLATFORM_FIELDS, ...params];
  if (/mlflow|get-artifact/.test(route.url)) return [...MLFLOW_FIELDS, ...params];
  return [...SCORING_FIELDS, ...params];
}

const OIP_EXAMPLE = {
  id: 'case-1',
  inputs: [
    { name: 'total_outcome_dollar_amount', shape: [1], datatype: 'FP64', data: [2109.19] },
    { name: 'total_income_dollar_amount', shape: [1], datatype: 'FP64', data: [1305.06] },
    { name: 'risk_pld', shape: [1], datatype: 'BYTES', data: ['HIGH'] },
  ],
};

/**
 * A valid body of a scoring route, to be spoiled one value at a time; none for the other routes,
 * whose valid bodies name what exists (their fields take known values instead).
 *
 * @example
 * routeExample({ method: 'POST', url: '/predict' }); // EXAMPLE_BODY
 */
export function routeExample(route: FuzzedRoute): JsonValue | undefined {
  if (route.method !== 'POST') return undefined;
  if (route.url === '/predict') return EXAMPLE_BODY;
  if (route.url === '/invocations')
    return { dataframe_split: { columns: Object.keys(EXAMPLE_BODY), data: [[2109.19, 1305.06, 'HIGH']] } };
  if (route.url.endsWith('/infer')) return OIP_EXAMPLE;
  if (route.url === '/feedback')
    return { request_id: 'req-1', row: 0, conclusion: 'REPORTED_TO_AUTHORITY', analyst: 'ana' };
  return undefined;
}
