import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_BODY, trainTestBundle } from '../../scoring/scoring-test-kit.js';
import { type ScoringServerHarness, scoringServerHarness } from './scoring-server-harness.js';

let h: ScoringServerHarness;

beforeAll(async () => {
  // The smallest backlog an operator can set: 1 MB of answered cases not yet in the store.
  h = await scoringServerHarness({ 'audit.maxBacklogMb': 1 });
  await h.publish(trainTestBundle(), 'production');
  await h.server.models.poll();
});
afterAll(() => h.close());

const CASES = 1000;
const big = {
  total_outcome_dollar_amount: Array.from({ length: CASES }, (_, i) => 100 + i),
  total_income_dollar_amount: Array.from({ length: CASES }, () => EXAMPLE_BODY.total_income_dollar_amount[0]),
  risk_pld: Array.from({ length: CASES }, () => 'HIGH'),
};
const predict = (id: string, payload: object = big) =>
  h.server.app.inject({ method: 'POST', url: '/predict', headers: { 'x-request-id': id }, payload });

describe('the audit backlog bound (audit.maxBacklogMb)', () => {
  it('answers 503 AUDIT_UNAVAILABLE with Retry-After once the store has fallen that far behind, and every answered case is recorded', async () => {
    // Another connection holds SQLite's write lock: the audit writer waits for it (the store is stuck).
    const blocker = new BetterSqlite3(join(h.home, 'amlops.db'));
    blocker.exec('begin immediate');
    /** The request ids the server answered with scores. */
    const answered: string[] = [];
    let refused: { headers: Record<string, unknown>; error: { code: string; message: string } } | undefined;
    for (let i = 0; i < 200 && !refused; i++) {
      const res = await predict(`held-${i}`);
      if (res.statusCode === 200) answered.push(res.json().request_id);
      else if (res.statusCode === 503) refused = { headers: res.headers, error: res.json().error };
      else throw new Error(`unexpected ${res.statusCode}: ${res.body}`);
    }
    // About 1 MB of records: tens of 1000-case requests were answered, then the next is refused.
    expect(answered.length).toBeGreaterThan(5);
    expect(refused?.error.code).toBe('AUDIT_UNAVAILABLE');
    expect(refused?.error.message).toMatch(
      /holds 1 MB of answered cases the store has not taken yet \(audit\.maxBacklogMb\)/,
    );
    expect(refused?.headers['retry-after']).toBe('1');
    const metrics = (await h.server.app.inject('/metrics')).body;
    expect(metrics).toMatch(/^amlops_audit_refused_total 1000$/m);
    expect(metrics).toMatch(/^amlops_audit_backlog_bytes [1-9]\d+$/m);

    blocker.exec('commit');
    blocker.close();
    await h.server.audit!.drain();
    const after = await predict('after', EXAMPLE_BODY);
    expect(after.statusCode).toBe(200);
    answered.push(after.json().request_id);
    await h.server.audit!.drain();
    const recorded = await h.server.auditLog.list({ maxResults: 100_000 });
    expect(new Set(recorded.items.map((c) => c.requestId))).toEqual(new Set(answered));
    expect(recorded.items).toHaveLength((answered.length - 1) * CASES + 1);
  });
});
