import type { FastifyInstance } from 'fastify';
import { AmlopsError } from '../../core/errors/index.js';
import { renderQualityHtml } from '../../core/quality/html/render-quality-html.js';
import type { QualityReportKind, QualityReportStore } from '../../ports/quality-report-store.js';
import type { PlatformApiOptions } from './platform-api-options.js';
import { queryParam } from './query-param.js';

type Query = Record<string, string | string[] | undefined>;

const KINDS: readonly QualityReportKind[] = ['training', 'live', 'files'];

/**
 * Data quality and drift of amlops' API:
 * - `GET /quality/reports?kind=&model=&version=&run=&since=&until=&max_results=&page_token=` →
 *   `{reports, nextPageToken?}`, newest first (headline figures, not the reports);
 * - `GET /quality/reports/:id` → the stored report with its headline figures;
 * - `GET /quality/reports/:id/html` → the report as a self-contained HTML page;
 * - `GET /quality/live?model=&version=&since=&until=` → `{points}`: the live drift history, oldest
 *   first (time, window, rows, drifted columns and share, dataset and score drift);
 * - `GET /quality/metrics-summary?run=` → `{rows}`: the original's `metrics_summary` table.
 *
 * @example
 * registerQualityRoutes(api, options);
 */
export function registerQualityRoutes(app: FastifyInstance, options: PlatformApiOptions): void {
  const store = (): QualityReportStore => {
    if (!options.quality) throw new AmlopsError('USAGE', 'this server keeps no quality reports');
    return options.quality;
  };
  app.get<{ Querystring: Query }>('/quality/reports', async (request) => {
    const q = request.query;
    const kind = queryParam.oneOf(q, 'kind', KINDS);
    const model = queryParam.one(q, 'model');
    const version = queryParam.one(q, 'version');
    const run = queryParam.one(q, 'run');
    const since = queryParam.time(q, 'since');
    const until = queryParam.time(q, 'until');
    const pageToken = queryParam.one(q, 'page_token');
    const page = await store().listReports({
      maxResults: queryParam.integer(q, 'max_results', 1, 10_000) ?? 100,
      ...(kind ? { kind } : {}),
      ...(model ? { modelName: model } : {}),
      ...(version ? { modelVersion: version } : {}),
      ...(run ? { runId: run } : {}),
      ...(since !== undefined ? { since } : {}),
      ...(until !== undefined ? { until } : {}),
      ...(pageToken ? { pageToken } : {}),
    });
    return { reports: page.items, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) };
  });
  app.get<{ Params: { id: string } }>('/quality/reports/:id', async (request) =>
    store().getReport(request.params.id),
  );
  app.get<{ Params: { id: string } }>('/quality/reports/:id/html', async (request, reply) => {
    const stored = await store().getReport(request.params.id);
    const html = renderQualityHtml(stored.report, {
      title: stored.kind === 'live' ? 'Live data quality and drift' : 'Data quality and drift',
      subtitle: `${stored.kind} report${stored.modelVersion ? ` of ${stored.modelName} version ${stored.modelVersion}` : ''}${stored.runId ? ` (run ${stored.runId})` : ''}`,
      generatedAt: new Date(stored.createdAt).toISOString(),
    });
    return (
      reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('x-content-type-options', 'nosniff')
        // The page's own policy instead of the server's: it has one inline style sheet and inline
        // style attributes (legend swatches), which hashes cannot allow, so 'unsafe-inline' for style
        // only; it runs no script and loads nothing, so nothing else is allowed.
        .header(
          'content-security-policy',
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        )
        .send(html)
    );
  });
  app.get<{ Querystring: Query }>('/quality/live', async (request) => {
    const q = request.query;
    const model = queryParam.one(q, 'model');
    const version = queryParam.one(q, 'version');
    const since = queryParam.time(q, 'since');
    const until = queryParam.time(q, 'until');
    const points = [];
    let pageToken: string | undefined;
    do {
      const page = await store().listReports({
        kind: 'live',
        maxResults: 1000,
        ...(model ? { modelName: model } : {}),
        ...(version ? { modelVersion: version } : {}),
        ...(since !== undefined ? { since } : {}),
        ...(until !== undefined ? { until } : {}),
        ...(pageToken ? { pageToken } : {}),
      });
      points.push(...page.items);
      pageToken = page.nextPageToken;
    } while (pageToken && points.length < 10_000);
    return {
      points: points.reverse().map((r) => ({
        id: r.id,
        time: r.createdAt,
        modelName: r.modelName,
        modelVersion: r.modelVersion,
        windowStart: r.windowStart,
        windowEnd: r.windowEnd,
        rows: r.currentRows,
        testedColumns: r.testedColumns,
        driftedColumns: r.driftedColumns,
        driftShare: r.driftShare,
        datasetDrift: r.datasetDrift,
        scoreDrift: r.scoreDrift,
      })),
    };
  });
  app.get<{ Querystring: Query }>('/quality/metrics-summary', async (request) => {
    const run = queryParam.one(request.query, 'run');
    return { rows: await store().listMetricsSummary(run ? { runId: run } : {}) };
  });
}
