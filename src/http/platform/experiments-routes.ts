import type { FastifyInstance } from 'fastify';
import { VIEW_TYPES } from '../../core/tracking/index.js';
import { listExperiments } from '../../services/list-experiments.js';
import { showExperiment } from '../../services/show-experiment.js';
import type { PlatformApiOptions } from './platform-api-options.js';
import { queryParam } from './query-param.js';

type Query = Record<string, string | string[] | undefined>;

/**
 * `GET /experiments?view=&filter=` → `{experiments}`; `GET /experiments/:experiment` (id or
 * name) → `{experiment, recentRuns, moreRuns}`.
 *
 * @example
 * registerExperimentsRoutes(api, options);
 */
export function registerExperimentsRoutes(app: FastifyInstance, options: PlatformApiOptions): void {
  const { tracking } = options.stores;
  app.get<{ Querystring: Query }>('/experiments', async (request) => {
    const view = queryParam.oneOf(request.query, 'view', VIEW_TYPES);
    const filter = queryParam.one(request.query, 'filter');
    return {
      experiments: await listExperiments(tracking, {
        ...(view ? { view } : {}),
        ...(filter ? { filter } : {}),
      }),
    };
  });
  app.get<{ Params: { experiment: string } }>('/experiments/:experiment', async (request) =>
    showExperiment(tracking, request.params.experiment),
  );
}
