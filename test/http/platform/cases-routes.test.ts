import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlApiKeyStore } from '../../../src/adapters/sql/api-key-sql-store.js';
import { openSqlDatabase } from '../../../src/adapters/sql/open-sql-database.js';
import { createApiKey } from '../../../src/services/api-keys.js';
import { trainTestBundle } from '../../scoring/scoring-test-kit.js';
import { MODEL, type ScoringServerHarness, scoringServerHarness } from '../scoring/scoring-server-harness.js';

// The analysts' cases through /api/v1 with API keys: the queue and a case for a read key, assigning
// and concluding for a write key (who is the key, whatever the body says), and every refusal —
// a read key, an unknown conclusion, an unknown case, a second conclusion — a 4xx changing nothing.

let h: ScoringServerHarness;
const keys: Record<string, string> = {};
/** A case scored before any alert threshold was set: attached to no analysts' case. */
let unattached: { requestId: string; row: number } | undefined;

beforeAll(async () => {
  h = await scoringServerHarness({ 'auth.mode': 'keys' });
  const database = await openSqlDatabase(`sqlite:${join(h.home, 'amlops.db')}`);
  const store = await SqlApiKeyStore.open(database);
  await database.close();
  for (const [name, role] of [
    ['client', 'score'],
    ['viewer', 'read'],
    ['ana', 'write'],
  ] as const)
    keys[name] = (await createApiKey(store, { name, role, by: 'test', now: Date.now() })).key;
  await store.close();
  await h.publish(trainTestBundle(), 'production');
  await h.server.models.poll();
});
afterAll(async () => {
  await h?.close();
});

const call = (method: 'GET' | 'POST', url: string, key: string, payload?: unknown) =>
  h.server.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${key}` },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

/** Scores `rows` cases of increasing amounts and waits until the audit writer has them. */
async function score(rows: number): Promise<number[]> {
  const body = {
    total_outcome_dollar_amount: Array.from({ length: rows }, (_, i) => 100 * 4 ** i),
    total_income_dollar_amount: Array.from({ length: rows }, () => 50),
    risk_pld: Array.from({ length: rows }, (_, i) => (i % 2 === 0 ? 'HIGH' : 'LOW')),
  };
  const answer = await call('POST', '/predict', keys.client!, body);
  expect(answer.statusCode, answer.body).toBe(200);
  expect(await h.server.audit!.drain()).toBe(true);
  return answer.json().predictions;
}

describe('/api/v1/cases', () => {
  it('says that a production version without an alert threshold opens no case', async () => {
    await score(4);
    unattached = (await h.server.auditLog.list({ maxResults: 1 })).items[0];
    const queue = await call('GET', '/api/v1/cases', keys.viewer!);
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json()).toMatchObject({
      cases: [],
      counts: { open: 0, in_review: 0 },
      alertThreshold: { model: MODEL, version: '1', alertThreshold: null },
      conclusions: { negative: 'CLOSED_NO_ROI', positives: ['CLOSED_WITH_ROI', 'REPORTED_TO_AUTHORITY'] },
    });
    expect(queue.json().alertThreshold.note).toContain('has no alert threshold: its scores open no case');
  });

  it('opens a case per scored case at or above the threshold set, ranked by score, each with its inputs and reasons', async () => {
    // Set before any later scoring: the writer reads thresholds at most 5 s old; wait that out.
    const set = await call('POST', `/api/v1/models/${MODEL}/versions/1/threshold`, keys.ana!, {
      threshold: 0,
      reason: 'every case, for the test',
    });
    expect(set.statusCode, set.body).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 5100));
    const scores = await score(6);
    const queue = (await call('GET', '/api/v1/cases?sort=score', keys.viewer!)).json();
    expect(queue.counts).toEqual({ open: 6, in_review: 0 });
    expect(queue.alertThreshold).toMatchObject({ alertThreshold: 0, note: null });
    expect(queue.cases.map((c: { score: number }) => c.score)).toEqual(
      [...scores].sort((a, b) => b - a).map((s) => expect.closeTo(s, 7)),
    );
    const top = queue.cases[0];
    const shown = await call('GET', `/api/v1/cases/${top.id}`, keys.viewer!);
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toMatchObject({
      case: { id: top.id, state: 'open', modelName: MODEL, modelVersion: '1', threshold: 0 },
      scored: { requestId: top.requestId, row: top.row, inputs: { risk_pld: expect.any(String) } },
      scores: [{ requestId: top.requestId, row: top.row, sampled: false }],
      subjectCases: [],
    });
    expect(shown.json().reasons.reasons.length).toBeGreaterThan(0);
    const byAge = (await call('GET', '/api/v1/cases?sort=age&max_results=2', keys.viewer!)).json();
    expect(byAge.cases).toHaveLength(2);
    expect(byAge.nextPageToken).toEqual(expect.any(String));
  });

  it('assigns and concludes as the calling key, records the label as feedback, and refuses what it cannot do, changing nothing', async () => {
    const [first, second] = (await call('GET', '/api/v1/cases', keys.viewer!)).json().cases;
    const before = (await call('GET', `/api/v1/cases/${first.id}`, keys.viewer!)).json();
    const feedbackBefore = (await h.server.feedbackLog.listFeedback()).length;

    const refusals = [
      [
        await call('POST', `/api/v1/cases/${first.id}/conclude`, keys.viewer!, {
          conclusion: 'CLOSED_NO_ROI',
        }),
        403,
      ],
      [await call('POST', `/api/v1/cases/${first.id}/assign`, keys.viewer!, {}), 403],
      [
        await call('POST', `/api/v1/cases/${first.id}/conclude`, keys.ana!, {
          conclusion: 'NOT_A_CONCLUSION',
        }),
        400,
      ],
      [await call('POST', '/api/v1/cases/424242/conclude', keys.ana!, { conclusion: 'CLOSED_NO_ROI' }), 404],
      [await call('POST', '/api/v1/cases/x/conclude', keys.ana!, { conclusion: 'CLOSED_NO_ROI' }), 400],
      [
        await call('POST', `/api/v1/cases/${first.id}/conclude`, keys.ana!, {
          conclusion: 'CLOSED_NO_ROI',
          extra: 1,
        }),
        400,
      ],
      [await call('GET', '/api/v1/cases?state=closed', keys.viewer!), 400],
    ] as const;
    expect(refusals.map(([answer, status]) => [answer.statusCode, status])).toEqual(
      refusals.map(([, status]) => [status, status]),
    );
    expect(refusals[2][0].json().error.code).toBe('CASE_CONCLUSION_UNKNOWN');
    expect(refusals[3][0].json().error.code).toBe('CASE_NOT_FOUND');
    expect((await call('GET', `/api/v1/cases/${first.id}`, keys.viewer!)).json()).toEqual(before);
    expect(await h.server.feedbackLog.listFeedback()).toHaveLength(feedbackBefore);

    const taken = await call('POST', `/api/v1/cases/${first.id}/assign`, keys.ana!, { by: 'someone else' });
    expect(taken.json().case).toMatchObject({ state: 'in_review', assignee: 'ana', assignedBy: 'ana' });
    const done = await call('POST', `/api/v1/cases/${first.id}/conclude`, keys.ana!, {
      conclusion: 'REPORTED_TO_AUTHORITY',
      note: 'structuring',
      analyst: 'not me',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().case).toMatchObject({
      state: 'concluded',
      conclusion: 'REPORTED_TO_AUTHORITY',
      label: 1,
      note: 'structuring',
      concludedBy: 'ana',
    });
    const feedback = await h.server.feedbackLog.listFeedback({ requestId: first.requestId, row: first.row });
    expect(feedback).toEqual([
      expect.objectContaining({ conclusion: 'REPORTED_TO_AUTHORITY', label: 1, analyst: 'ana' }),
    ]);

    const twice = await call('POST', `/api/v1/cases/${first.id}/conclude`, keys.ana!, {
      conclusion: 'CLOSED_NO_ROI',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('CASE_ALREADY_CONCLUDED');
    expect((await call('GET', `/api/v1/cases/${first.id}`, keys.viewer!)).json().case).toEqual(
      done.json().case,
    );
    const queue = (await call('GET', '/api/v1/cases', keys.viewer!)).json();
    expect(queue.cases[0].id).toBe(second.id);
    expect(queue.counts).toEqual({ open: 5, in_review: 0 });
    const concluded = (await call('GET', '/api/v1/cases?state=concluded', keys.viewer!)).json();
    expect(concluded.cases.map((c: { id: number }) => c.id)).toEqual([first.id]);
  });

  it('POST /feedback on a scored case of an open case concludes the case with a configured conclusion; another conclusion leaves it open and says why', async () => {
    const [top, next] = (await call('GET', '/api/v1/cases', keys.viewer!)).json().cases;
    const feedback = async (c: { requestId: string; row: number }, conclusion: string) =>
      call('POST', '/feedback', keys.ana!, { request_id: c.requestId, row: c.row, conclusion });

    const concluding = await feedback(top, 'CLOSED_WITH_ROI');
    expect(concluding.statusCode, concluding.body).toBe(201);
    expect(concluding.json().case).toEqual({ id: top.id, concluded: true });
    expect((await call('GET', `/api/v1/cases/${top.id}`, keys.viewer!)).json().case).toMatchObject({
      state: 'concluded',
      conclusion: 'CLOSED_WITH_ROI',
      label: 1,
      concludedBy: 'ana',
      note: `concluded by POST /feedback on request ${top.requestId} row ${top.row}`,
    });
    // Recorded once, by the conclusion: not a second time by the feedback itself.
    expect(await h.server.feedbackLog.listFeedback({ requestId: top.requestId, row: top.row })).toEqual([
      expect.objectContaining({ conclusion: 'CLOSED_WITH_ROI', label: 1, analyst: 'ana' }),
    ]);

    const other = await feedback(next, 'SOMETHING_ELSE');
    expect(other.statusCode, other.body).toBe(201);
    expect(other.json().case).toMatchObject({ id: next.id, concluded: false });
    expect(other.json().case.reason).toContain('"SOMETHING_ELSE" is not a conclusion');
    expect((await call('GET', `/api/v1/cases/${next.id}`, keys.viewer!)).json().case.state).toBe('open');
    expect(await h.server.feedbackLog.listFeedback({ requestId: next.requestId, row: next.row })).toEqual([
      expect.objectContaining({ conclusion: 'SOMETHING_ELSE', label: 1 }),
    ]);

    // A scored case attached to no case (scored before the threshold was set): feedback only.
    const plain = await feedback(unattached!, 'CLOSED_NO_ROI');
    expect(plain.statusCode, plain.body).toBe(201);
    expect(plain.json().case).toBeNull();
  });
});
