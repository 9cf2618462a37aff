import { parse } from 'csv-parse/sync';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AmlopsError } from '../../core/errors/index.js';
import type { ColumnarInput } from '../../core/scoring/columnar-input.js';
import { columnsFromRows } from '../../core/scoring/columns-from-rows.js';
import { parseMlflowBody } from '../../core/scoring/parse-mlflow-body.js';
import { countScored } from './count-scored.js';
import { isJson, scoringQuery } from './request-options.js';
import type { ScoringAppOptions } from './scoring-app-options.js';

/**
 * MLflow's scoring server protocol: `POST /invocations` (JSON `dataframe_split`,
 * `dataframe_records`, `instances`, `inputs`, or `text/csv` with a header row) answering
 * `{"predictions": […]}`, `GET /ping` (200 once a model is loaded) and `GET /version`.
 *
 * @example
 * registerMlflowScoringRoutes(app, options);
 */
export function registerMlflowScoringRoutes(app: FastifyInstance, options: ScoringAppOptions): void {
  app.post('/invocations', async (request) => {
    const query = scoringQuery(request);
    const scored = await options.service.score({
      input: invocationInput(request),
      model: query.model,
      requestId: request.id,
      caller: options.callerOf?.(request) ?? '',
      clientRequestId: request.clientRequestId,
    });
    countScored(options.metrics, scored);
    const predictions = new Array<number>(scored.rowCount);
    for (let i = 0; i < scored.rowCount; i++) predictions[i] = scored.scores[i]!;
    return { predictions };
  });
  app.get('/ping', async (_request, reply) => {
    await options.service.models.resolve(undefined);
    return reply.type('text/plain').send('\n');
  });
  app.get('/version', async (_request, reply) => reply.type('text/plain').send(options.version));
}

function invocationInput(request: FastifyRequest): ColumnarInput {
  const type = request.headers['content-type'] ?? '';
  if (/^text\/csv\b/i.test(type)) {
    let rows: string[][];
    try {
      rows = parse(String(request.body ?? ''), {
        relax_column_count: true,
        skip_empty_lines: true,
        bom: true,
      });
    } catch (error) {
      throw new AmlopsError(
        'SCORING_INPUT_INVALID',
        `the CSV body cannot be read: ${(error as Error).message}`,
      );
    }
    if (rows.length === 0) throw new AmlopsError('SCORING_INPUT_INVALID', 'the CSV body has no header row');
    return columnsFromRows(rows[0]!, rows.slice(1), 'the CSV body');
  }
  if (!isJson(request))
    throw new AmlopsError(
      'HTTP_UNSUPPORTED_MEDIA_TYPE',
      `POST /invocations takes application/json or text/csv; got ${type}`,
    );
  return parseMlflowBody(request.body);
}
