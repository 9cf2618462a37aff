import type { FastifyInstance } from 'fastify';
import { AmlopsError } from '../../core/errors/index.js';
import { VIEW_TYPES } from '../../core/tracking/index.js';
import { compareRuns } from '../../services/compare-runs.js';
import { listRuns } from '../../services/list-runs.js';
import { readRunArtifact } from '../../services/read-run-artifact.js';
import { showRun } from '../../services/show-run.js';
import type { PlatformApiOptions } from './platform-api-options.js';
import { queryParam } from './query-param.js';

type Query = Record<string, string | string[] | undefined>;

/**
 * The runs of amlops' API:
 * - `GET /runs?experiment=…&filter=…&order_by=…&max_results=…&page_token=…&view=…` → `{runs, nextPageToken?}`
 *   (`experiment` by id or name, repeated or comma-separated; every active experiment when absent);
 * - `GET /runs/compare?ids=a,b` → `{runs, params, metrics}`, rows marked `differs`;
 * - `GET /runs/:id` → `{run, experimentName, artifacts, modelVersions}`;
 * - `GET /runs/:id/artifacts/*path` → a JSON artifact of the run (such as `evaluation.json`), as
 *   `application/json`; other files are refused (this API serves the UI data, not downloads).
 *
 * @example
 * registerRunsRoutes(api, options);
 */
export function registerRunsRoutes(app: FastifyInstance, options: PlatformApiOptions): void {
  const { stores } = options;
  app.get<{ Querystring: Query }>('/runs', async (request) => {
    const q = request.query;
    const filter = queryParam.one(q, 'filter');
    const pageToken = queryParam.one(q, 'page_token');
    const view = queryParam.oneOf(q, 'view', VIEW_TYPES);
    const orderBy = [q.order_by ?? []].flat().filter((clause) => clause !== '');
    return listRuns(stores.tracking, {
      experiments: queryParam.list(q, 'experiment'),
      maxResults: queryParam.integer(q, 'max_results', 1, 50_000) ?? 100,
      ...(orderBy.length > 0 ? { orderBy } : {}),
      ...(filter ? { filter } : {}),
      ...(pageToken ? { pageToken } : {}),
      ...(view ? { view } : {}),
    });
  });
  app.get<{ Querystring: Query }>('/runs/compare', async (request) =>
    compareRuns(stores.tracking, queryParam.list(request.query, 'ids')),
  );
  app.get<{ Params: { id: string } }>('/runs/:id', async (request) => showRun(stores, request.params.id));
  app.get<{ Params: { id: string; '*': string } }>('/runs/:id/artifacts/*', async (request, reply) => {
    const path = request.params['*'];
    if (!path.toLowerCase().endsWith('.json'))
      throw new AmlopsError(
        'USAGE',
        `only JSON artifacts are served here; download '${path}' with the MLflow API`,
      );
    const bytes = await readRunArtifact(stores, request.params.id, path);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
}
