import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_BODY, trainTestBundle } from '../../scoring/scoring-test-kit.js';
import { type ScoringServerHarness, scoringServerHarness } from './scoring-server-harness.js';

let h: ScoringServerHarness;
beforeAll(async () => {
  h = await scoringServerHarness();
  await h.publish(trainTestBundle(), 'production');
  await h.server.models.poll();
});
afterAll(() => h.close());

const predict = (payload: Record<string, unknown>) =>
  h.server.app.inject({ method: 'POST', url: '/predict', payload });

describe('the audited inputs of a scored case', () => {
  it('keep a category the model never saw as it was sent, though it was scored as missing', async () => {
    const unseen = await predict({ ...EXAMPLE_BODY, risk_pld: ['EXTREME'] });
    const missing = await predict({ ...EXAMPLE_BODY, risk_pld: [null] });
    expect([unseen.statusCode, missing.statusCode]).toEqual([200, 200]);
    // Scored as missing: the same score as no value at all.
    expect(unseen.json().predictions[0]).toBe(missing.json().predictions[0]);
    await h.server.audit!.drain();
    const [unseenCase, missingCase] = await Promise.all(
      [unseen, missing].map((res) =>
        h.server.auditLog.findCase({ requestId: res.json().request_id, row: 0 }),
      ),
    );
    // Recorded as sent, so that the live report sees a category new in current.
    expect(unseenCase?.inputs.risk_pld).toBe('EXTREME');
    expect(missingCase?.inputs.risk_pld).toBeNull();
    expect(unseenCase?.score).toBeCloseTo(unseen.json().predictions[0], 9);
  });
});
