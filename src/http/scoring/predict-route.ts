import type { FastifyInstance } from 'fastify';
import { parsePredictBody } from '../../core/scoring/parse-predict-body.js';
import { countScored } from './count-scored.js';
import { modelIdentity, roundedScores } from './model-identity.js';
import { requireJson, scoringQuery } from './request-options.js';
import type { ScoringAppOptions } from './scoring-app-options.js';

/**
 * `POST /predict`: the original's contract — columns (`{"col": [values…]}`) or records in, the
 * model's identity and one probability per case out — plus `request_id`, `warnings`, and with
 * `?explain=true` (or `"explain": true`) the reasons of each case.
 *
 * @example
 * registerPredictRoute(app, options);
 */
export function registerPredictRoute(app: FastifyInstance, options: ScoringAppOptions): void {
  app.post('/predict', async (request) => {
    requireJson(request);
    const query = scoringQuery(request);
    const { input, explain } = parsePredictBody(request.body);
    const scored = await options.service.score({
      input,
      model: query.model,
      explain: explain || query.explain,
      requestId: request.id,
      caller: options.callerOf?.(request) ?? '',
      clientRequestId: request.clientRequestId,
    });
    countScored(options.metrics, scored);
    return {
      model: modelIdentity(scored.model),
      predictions: roundedScores(scored.scores),
      request_id: request.id,
      warnings: scored.warnings,
      ...(scored.reasons ? { reasons: scored.reasons } : {}),
    };
  });
}
