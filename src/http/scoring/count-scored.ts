import type { ScoredRequest } from '../../services/scoring-service.js';
import type { ScoringMetrics } from './scoring-metrics.js';

/**
 * Counts a scored request in the metrics: predictions by model version, and the score histogram.
 *
 * @example
 * countScored(metrics, scored);
 */
export function countScored(metrics: ScoringMetrics, scored: ScoredRequest): void {
  metrics.predictions.add(scored.model.name, scored.model.version, scored.rowCount);
  metrics.scores.observe(scored.model.version, scored.scores, scored.rowCount);
}
