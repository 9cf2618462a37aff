import { describe, expect, it } from 'vitest';
import { ScoringMetrics } from '../../../src/http/scoring/scoring-metrics.js';

/** The samples of one metric family in Prometheus' text format, without comments. */
async function samples(metrics: ScoringMetrics, prefix: string): Promise<string[]> {
  const text = await metrics.registry.metrics();
  return text.split('\n').filter((line) => line.startsWith(prefix));
}

describe('the scoring metrics', () => {
  it('count request durations per method, route and status in cumulative buckets', async () => {
    const metrics = new ScoringMetrics();
    metrics.httpDuration.observe('POST', '/predict', 200, 0.0004);
    metrics.httpDuration.observe('POST', '/predict', 200, 0.0005); // on a bound: that bucket
    metrics.httpDuration.observe('POST', '/predict', 200, 0.003);
    metrics.httpDuration.observe('POST', '/predict', 200, 9); // beyond the last bound: only +Inf
    metrics.httpDuration.observe('POST', '/predict', 400, 0.002);
    metrics.httpDuration.observe('GET', '/metrics', 200, 0.02);
    const lines = await samples(metrics, 'http_request_duration_seconds');
    const series = '{method="POST",route="/predict",status_code="200"';
    expect(lines).toContain(`http_request_duration_seconds_bucket${series},le="0.0005"} 2`);
    expect(lines).toContain(`http_request_duration_seconds_bucket${series},le="0.001"} 2`);
    expect(lines).toContain(`http_request_duration_seconds_bucket${series},le="0.005"} 3`);
    expect(lines).toContain(`http_request_duration_seconds_bucket${series},le="2.5"} 3`);
    expect(lines).toContain(`http_request_duration_seconds_bucket${series},le="+Inf"} 4`);
    expect(lines).toContain(`http_request_duration_seconds_count${series}} 4`);
    expect(lines).toContain(`http_request_duration_seconds_sum${series}} 9.0039`);
    expect(lines).toContain(
      'http_request_duration_seconds_count{method="POST",route="/predict",status_code="400"} 1',
    );
    expect(lines).toContain(
      'http_request_duration_seconds_count{method="GET",route="/metrics",status_code="200"} 1',
    );
  });

  it('count cases scored per model name and version, and scores per version', async () => {
    const metrics = new ScoringMetrics();
    metrics.predictions.add('aml', '1', 1000);
    metrics.predictions.add('aml', '1', 1);
    metrics.predictions.add('aml', '2', 5);
    metrics.scores.observe('1', Float64Array.of(0.01, 0.05, 0.15, 0.999), 4);
    expect(await samples(metrics, 'amlops_predictions_total')).toEqual([
      'amlops_predictions_total{model_name="aml",model_version="1"} 1001',
      'amlops_predictions_total{model_name="aml",model_version="2"} 5',
    ]);
    const scores = await samples(metrics, 'amlops_score');
    expect(scores).toContain('amlops_score_bucket{model_version="1",le="0.05"} 2');
    expect(scores).toContain('amlops_score_bucket{model_version="1",le="0.15"} 3');
    expect(scores).toContain('amlops_score_bucket{model_version="1",le="0.95"} 3');
    expect(scores).toContain('amlops_score_bucket{model_version="1",le="+Inf"} 4');
    expect(scores).toContain('amlops_score_count{model_version="1"} 4');
  });
});
