import type { RouteAccess } from '../../core/auth/index.js';

/** One row of the role table: a route (method and Fastify URL pattern) and what it needs. */
export interface RouteRole {
  readonly method: string;
  readonly url: string;
  readonly access: RouteAccess;
}

/** MLflow's REST API, served under both of its prefixes: method, path after the prefix, access. */
const MLFLOW: readonly (readonly [string, string, RouteAccess])[] = [
  ['POST', '/experiments/create', 'write'],
  ['GET', '/experiments/get', 'read'],
  ['GET', '/experiments/get-by-name', 'read'],
  ['GET', '/experiments/search', 'read'],
  ['POST', '/experiments/search', 'read'],
  ['POST', '/experiments/set-experiment-tag', 'write'],
  ['GET', '/experiments/list', 'read'],
  ['POST', '/experiments/update', 'write'],
  ['POST', '/experiments/delete', 'write'],
  ['POST', '/experiments/restore', 'write'],
  ['POST', '/runs/create', 'write'],
  ['GET', '/runs/get', 'read'],
  ['POST', '/runs/update', 'write'],
  ['POST', '/runs/delete', 'write'],
  ['POST', '/runs/delete-tag', 'write'],
  ['POST', '/runs/restore', 'write'],
  ['POST', '/runs/search', 'read'],
  ['POST', '/runs/set-tag', 'write'],
  ['POST', '/runs/log-metric', 'write'],
  ['POST', '/runs/log-parameter', 'write'],
  ['POST', '/runs/log-batch', 'write'],
  ['POST', '/registered-models/create', 'write'],
  ['GET', '/registered-models/get', 'read'],
  ['GET', '/registered-models/get-latest-versions', 'read'],
  ['POST', '/registered-models/get-latest-versions', 'read'],
  ['GET', '/registered-models/get-model-version-by-alias', 'read'],
  ['GET', '/registered-models/search', 'read'],
  ['POST', '/registered-models/set-tag', 'write'],
  ['POST', '/registered-models/rename', 'write'],
  ['PATCH', '/registered-models/update', 'write'],
  ['DELETE', '/registered-models/delete', 'write'],
  ['DELETE', '/registered-models/delete-tag', 'write'],
  ['POST', '/registered-models/alias', 'write'],
  ['DELETE', '/registered-models/alias', 'write'],
  ['GET', '/registered-models/alias', 'read'],
  ['GET', '/metrics/get-history', 'read'],
  ['POST', '/model-versions/create', 'write'],
  ['GET', '/model-versions/get', 'read'],
  ['GET', '/model-versions/get-download-uri', 'read'],
  ['GET', '/model-versions/search', 'read'],
  ['POST', '/model-versions/set-tag', 'write'],
  ['PATCH', '/model-versions/update', 'write'],
  ['POST', '/model-versions/transition-stage', 'write'],
  ['DELETE', '/model-versions/delete', 'write'],
  ['DELETE', '/model-versions/delete-tag', 'write'],
  ['GET', '/artifacts/list', 'read'],
];

/**
 * What every route of the server needs, in one table: `public` (health checks), or the role a key
 * must grant (`read`, `score`, `write`, `admin`; see `src/core/auth/roles.ts`). `HEAD` needs what
 * `GET` needs. A route missing here is refused to every key but `admin` and fails the route walk
 * test (`test/http/route-roles.test.ts`), so no route is open by accident. Scoring and `/metrics`
 * become public when `auth.scoringNeedsKey` / `auth.metricsNeedsKey` are false.
 */
export const ROUTE_ROLES: readonly RouteRole[] = [
  // Health and identity: what load balancers and orchestrators call.
  { method: 'GET', url: '/healthz', access: 'public' },
  { method: 'GET', url: '/readyz', access: 'public' },
  { method: 'GET', url: '/ping', access: 'public' },
  { method: 'GET', url: '/version', access: 'public' },
  { method: 'GET', url: '/v2/health/live', access: 'public' },
  { method: 'GET', url: '/v2/health/ready', access: 'public' },
  // The web UI's page and its bundled script and styles: no data in them (the pages read the API
  // with the user's key), so a browser can load them and then ask for the key.
  { method: 'GET', url: '/', access: 'public' },
  { method: 'GET', url: '/assets/:file', access: 'public' },
  // CORS preflights (only with server.corsOrigins): browsers send them without the key.
  { method: 'OPTIONS', url: '*', access: 'public' },
  // Scoring.
  { method: 'POST', url: '/predict', access: 'score' },
  { method: 'POST', url: '/invocations', access: 'score' },
  { method: 'GET', url: '/v2', access: 'score' },
  { method: 'GET', url: '/v2/models/:name', access: 'score' },
  { method: 'GET', url: '/v2/models/:name/ready', access: 'score' },
  { method: 'GET', url: '/v2/models/:name/versions/:version', access: 'score' },
  { method: 'GET', url: '/v2/models/:name/versions/:version/ready', access: 'score' },
  { method: 'POST', url: '/v2/models/:name/infer', access: 'score' },
  { method: 'POST', url: '/v2/models/:name/versions/:version/infer', access: 'score' },
  // Analysts' conclusions become training labels.
  { method: 'POST', url: '/feedback', access: 'write' },
  { method: 'GET', url: '/metrics', access: 'read' },
  // MLflow's artifact downloads, then its REST API under both prefixes.
  { method: 'GET', url: '/model-versions/get-artifact', access: 'read' },
  { method: 'GET', url: '/get-artifact', access: 'read' },
  ...['/api/2.0/mlflow', '/ajax-api/2.0/mlflow'].flatMap((prefix) =>
    MLFLOW.map(([method, path, access]) => ({ method, url: `${prefix}${path}`, access })),
  ),
  // amlops' own API.
  { method: 'GET', url: '/api/v1/experiments', access: 'read' },
  { method: 'GET', url: '/api/v1/experiments/:experiment', access: 'read' },
  { method: 'GET', url: '/api/v1/runs', access: 'read' },
  { method: 'GET', url: '/api/v1/runs/compare', access: 'read' },
  { method: 'GET', url: '/api/v1/runs/:id', access: 'read' },
  { method: 'GET', url: '/api/v1/runs/:id/artifacts/*', access: 'read' },
  { method: 'GET', url: '/api/v1/models', access: 'read' },
  { method: 'GET', url: '/api/v1/models/:name', access: 'read' },
  { method: 'POST', url: '/api/v1/models/:name/promote', access: 'write' },
  { method: 'POST', url: '/api/v1/models/:name/rollback', access: 'write' },
  { method: 'POST', url: '/api/v1/models/:name/aliases', access: 'write' },
  // The alert budget of a version, and setting its alert threshold (a registry decision).
  { method: 'GET', url: '/api/v1/models/:name/versions/:version/threshold', access: 'read' },
  { method: 'POST', url: '/api/v1/models/:name/versions/:version/threshold', access: 'write' },
  { method: 'GET', url: '/api/v1/predictions', access: 'read' },
  { method: 'GET', url: '/api/v1/predictions/performance', access: 'read' },
  { method: 'GET', url: '/api/v1/predictions/:requestId/:row', access: 'read' },
  // The analysts' cases: reading the queue, taking a case and concluding it (a label, as /feedback).
  { method: 'GET', url: '/api/v1/cases', access: 'read' },
  { method: 'GET', url: '/api/v1/cases/:id', access: 'read' },
  { method: 'POST', url: '/api/v1/cases/:id/assign', access: 'write' },
  { method: 'POST', url: '/api/v1/cases/:id/conclude', access: 'write' },
  // A subject's data and its erasure: personal data requests.
  { method: 'GET', url: '/api/v1/subjects/:subject', access: 'admin' },
  { method: 'POST', url: '/api/v1/subjects/:subject/erase', access: 'admin' },
  { method: 'GET', url: '/api/v1/quality/reports', access: 'read' },
  { method: 'GET', url: '/api/v1/quality/reports/:id', access: 'read' },
  { method: 'GET', url: '/api/v1/quality/reports/:id/html', access: 'read' },
  { method: 'GET', url: '/api/v1/quality/live', access: 'read' },
  { method: 'GET', url: '/api/v1/quality/metrics-summary', access: 'read' },
  { method: 'GET', url: '/api/v1/alerts', access: 'read' },
  { method: 'GET', url: '/api/v1/alerts/history', access: 'read' },
  { method: 'GET', url: '/api/v1/alerts/deliveries', access: 'read' },
  { method: 'POST', url: '/api/v1/alerts/:rule/silence', access: 'write' },
  { method: 'POST', url: '/api/v1/alerts/:rule/ack', access: 'write' },
  { method: 'GET', url: '/api/v1/service', access: 'read' },
  { method: 'GET', url: '/api/v1/pipelines', access: 'read' },
  { method: 'GET', url: '/api/v1/pipelines/:id', access: 'read' },
  { method: 'GET', url: '/api/v1/pipelines/:id/logs', access: 'read' },
  { method: 'POST', url: '/api/v1/pipelines', access: 'write' },
  { method: 'POST', url: '/api/v1/pipelines/:id/retry', access: 'write' },
  { method: 'POST', url: '/api/v1/pipelines/:id/cancel', access: 'write' },
  { method: 'GET', url: '/api/v1/schedules', access: 'read' },
];

/** Routes whose access follows `auth.scoringNeedsKey` (the rest of the `score` rows). */
export const SCORING_URLS = new Set(ROUTE_ROLES.filter((r) => r.access === 'score').map((r) => r.url));

/**
 * The table's access for a route, or undefined when the table does not list it.
 *
 * @example
 * declaredAccess('HEAD', '/api/v1/runs'); // 'read'
 */
export function declaredAccess(method: string, url: string): RouteAccess | undefined {
  const asked = method === 'HEAD' ? 'GET' : method;
  return ROUTE_ROLES.find((r) => r.method === asked && r.url === url)?.access;
}
