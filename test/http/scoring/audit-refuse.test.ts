import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_BODY, trainTestBundle } from '../../scoring/scoring-test-kit.js';
import { type ScoringServerHarness, scoringServerHarness } from './scoring-server-harness.js';

let h: ScoringServerHarness;

beforeAll(async () => {
  // Room for three one-case requests; every case is its own batch, written at once.
  h = await scoringServerHarness({
    'audit.whenFull': 'refuse',
    'audit.queueSize': 3,
    'audit.batchSize': 1,
    'audit.flushMs': 1,
  });
  await h.publish(trainTestBundle(), 'production');
  await h.server.models.poll();
});
afterAll(() => h.close());

const predict = (id: string) =>
  h.server.app.inject({
    method: 'POST',
    url: '/predict',
    headers: { 'x-request-id': id },
    payload: EXAMPLE_BODY,
  });

describe('audit.whenFull=refuse', () => {
  it('answers 503 AUDIT_UNAVAILABLE while the store cannot take the records, and every answered case is recorded', async () => {
    // Another connection holds SQLite's write lock: the audit writer waits for it (the store is busy).
    const blocker = new BetterSqlite3(join(h.home, 'amlops.db'));
    blocker.exec('begin immediate');
    const statuses: number[] = [];
    /** The request ids the server answered with scores. */
    const answered: string[] = [];
    let refused: { code: string; message: string } | undefined;
    for (let i = 0; i < 6; i++) {
      const res = await predict(`held-${i}`);
      statuses.push(res.statusCode);
      if (res.statusCode === 200) answered.push(res.json().request_id);
      if (res.statusCode === 503) refused ??= res.json().error;
    }
    expect(statuses).toEqual([200, 200, 200, 503, 503, 503]);
    expect(refused?.code).toBe('AUDIT_UNAVAILABLE');
    expect(refused?.message).toMatch(
      /^the audit log cannot take 1 more case now \(3 waiting to be written\)/,
    );
    expect((await h.server.app.inject('/metrics')).body).toMatch(/^amlops_audit_refused_total 3$/m);

    blocker.exec('commit');
    blocker.close();
    await h.server.audit!.flush();
    const after = await predict('after');
    expect(after.statusCode).toBe(200);
    answered.push(after.json().request_id);
    await h.server.audit!.flush();
    const recorded = (await h.server.auditLog.list({ maxResults: 100 })).items;
    expect(recorded.map((c) => c.requestId).sort()).toEqual(answered.sort());
    expect(recorded.map((c) => c.clientRequestId).sort()).toEqual(['after', 'held-0', 'held-1', 'held-2']);
    expect([h.server.audit!.dropped, h.server.audit!.failed]).toEqual([0, 0]);
  });
});
