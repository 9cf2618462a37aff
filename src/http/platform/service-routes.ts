import type { FastifyInstance } from 'fastify';
import { parseDuration } from '../../core/alerts/parse-duration.js';
import { AmlopsError } from '../../core/errors/index.js';
import { serviceWindow } from '../../core/monitoring/service-window.js';
import type { PlatformApiOptions } from './platform-api-options.js';
import { queryParam } from './query-param.js';

type Query = Record<string, string | string[] | undefined>;

/**
 * What the scoring service served, every process of every replica together:
 * - `GET /service?window=15m` → `{window, since, until, totals, intervals}`: requests, errors, cases,
 *   error rate and latency (mean, p50, p99) over the window, and each process's intervals.
 *
 * @example
 * registerServiceRoutes(api, options);
 */
export function registerServiceRoutes(app: FastifyInstance, options: PlatformApiOptions): void {
  app.get<{ Querystring: Query }>('/service', async (request) => {
    if (!options.serviceStats) throw new AmlopsError('USAGE', 'this server keeps no service statistics');
    const window = queryParam.one(request.query, 'window') ?? '15m';
    let ms: number;
    try {
      ms = parseDuration(window);
    } catch (error) {
      throw new AmlopsError('USAGE', `query parameter window: ${(error as Error).message}`);
    }
    if (ms <= 0 || ms > 400 * 86_400_000)
      throw new AmlopsError('USAGE', 'query parameter window must be longer than 0 and at most 400d');
    const until = Date.now() + 1;
    const since = until - ms;
    const intervals = await options.serviceStats.intervals({ since, until });
    return { window, since, until, totals: serviceWindow(intervals), intervals };
  });
}
