import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_BODY, trainTestBundle } from '../../scoring/scoring-test-kit.js';
import { type ScoringServerHarness, scoringServerHarness } from './scoring-server-harness.js';

let h: ScoringServerHarness;

beforeAll(async () => {
  h = await scoringServerHarness({ 'scoring.shadowChallenger': true });
  await h.publish(trainTestBundle(), 'production');
  await h.publish(trainTestBundle({ seed: 4, trees: 6 }), 'challenger');
  await h.server.models.poll();
});
afterAll(() => h.close());

describe('shadow scoring of the challenger', () => {
  it('scores every request with the challenger too, counts it, and never returns its scores', async () => {
    expect(h.server.models.challenger?.version).toBe('2');
    const res = await h.server.app.inject({
      method: 'POST',
      url: '/predict',
      payload: { ...EXAMPLE_BODY, risk_pld: ['LOW'] },
    });
    expect(res.json().model.version).toBe('1');
    expect(Object.keys(res.json())).toEqual(['model', 'predictions', 'request_id', 'warnings']);
    await new Promise((resolve) => setImmediate(resolve));
    const metrics = (await h.server.app.inject('/metrics')).body;
    expect(metrics).toMatch(/amlops_shadow_predictions_total\{model_version="2"\} 1/);
    await h.server.audit!.drain();
    const audited = await h.server.auditLog.list({ requestId: res.json().request_id });
    expect(audited.items.map((c) => c.modelVersion)).toEqual(['1']);
  });
});
