import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainTestBundle } from '../../scoring/scoring-test-kit.js';
import { MODEL, type ScoringServerHarness, scoringServerHarness } from '../scoring/scoring-server-harness.js';

// Cases scored through /predict by two versions of the model, concluded on through /feedback, then
// read back through /api/v1/predictions.

interface Scored {
  readonly requestId: string;
  readonly version: string;
  readonly caseIds: readonly string[];
  readonly scores: readonly number[];
  readonly inputs: readonly Record<string, unknown>[];
}

let h: ScoringServerHarness;
const requests: Scored[] = [];

async function score(caseIds: string[], outcome: number[], income: (number | null)[], risk: string[]) {
  const res = await h.server.app.inject({
    method: 'POST',
    url: '/predict',
    payload: {
      case_id: caseIds,
      total_outcome_dollar_amount: outcome,
      total_income_dollar_amount: income,
      risk_pld: risk,
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  requests.push({
    requestId: body.request_id,
    version: body.model.version,
    caseIds,
    scores: body.predictions,
    inputs: caseIds.map((_, i) => ({
      total_outcome_dollar_amount: outcome[i],
      total_income_dollar_amount: income[i],
      risk_pld: risk[i],
    })),
  });
}

beforeAll(async () => {
  h = await scoringServerHarness();
  await h.publish(trainTestBundle(), 'production');
  await h.server.models.poll();
  await score(['A-1', 'A-2', 'A-3'], [2109.19, 15, 90_000], [1305.06, null, 120], ['HIGH', 'LOW', 'MEDIUM']);
  await score(['B-1', 'B-2'], [50, 7000], [60, 8000], ['LOW', 'HIGH']);
  await h.publish(trainTestBundle({ seed: 8, trees: 20 }), 'production');
  await h.server.models.poll();
  await score(['C-1'], [300], [12_000], ['MEDIUM']);
  await h.server.audit!.drain();
});
afterAll(() => h.close());

const get = (url: string) => h.server.app.inject({ method: 'GET', url });
/** Every case as the audit log should hold it, newest first (last request first, last row first). */
const expected = () =>
  [...requests].reverse().flatMap((r) =>
    r.caseIds
      .map((caseId, row) => ({
        requestId: r.requestId,
        row,
        caseId,
        modelName: MODEL,
        modelVersion: r.version,
        inputs: r.inputs[row],
        score: expect.closeTo(r.scores[row]!, 6),
        time: expect.any(Number),
        caller: expect.any(String),
        clientRequestId: null,
      }))
      .reverse(),
  );
const keys = (cases: { requestId: string; row: number }[]) => cases.map((c) => `${c.requestId}#${c.row}`);

describe('GET /api/v1/predictions', () => {
  it('lists the scored cases newest first, each with its request, row, case id, model version, inputs and score', async () => {
    const res = await get('/api/v1/predictions');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ cases: expected() });
    expect(requests.map((r) => r.version)).toEqual(['1', '1', '2']);
  });

  it('filters by model version, request, case, score range and time', async () => {
    const byVersion = (await get('/api/v1/predictions?model_version=1')).json().cases;
    expect(keys(byVersion)).toEqual(keys(expected().slice(1)));
    const byRequest = (await get(`/api/v1/predictions?request_id=${requests[1]!.requestId}`)).json().cases;
    expect(byRequest.map((c: { caseId: string }) => c.caseId)).toEqual(['B-2', 'B-1']);
    expect((await get('/api/v1/predictions?case_id=A-2')).json().cases).toEqual([
      expected().find((c) => c.caseId === 'A-2'),
    ]);
    expect((await get(`/api/v1/predictions?model=${MODEL}&model_version=2`)).json().cases).toHaveLength(1);
    expect((await get('/api/v1/predictions?model=another-model')).json()).toEqual({ cases: [] });

    // Bounds inclusive: the range from the second-lowest to the second-highest score leaves out the two ends.
    // The scores as stored (/predict answers them rounded).
    const scores = (await get('/api/v1/predictions')).json().cases.map((c: { score: number }) => c.score);
    scores.sort((a: number, b: number) => a - b);
    expect(new Set(scores).size).toBe(scores.length);
    const [low, high] = [scores[1]!, scores.at(-2)!];
    const inRange = (await get(`/api/v1/predictions?min_score=${low}&max_score=${high}`)).json().cases;
    expect(inRange.map((c: { score: number }) => c.score).sort((a: number, b: number) => a - b)).toEqual(
      scores.slice(1, -1),
    );
    const above = (await get(`/api/v1/predictions?min_score=${high}`)).json().cases;
    expect(above.map((c: { score: number }) => c.score).sort((a: number, b: number) => a - b)).toEqual(
      scores.slice(-2),
    );

    const all = expected();
    const times = (await get('/api/v1/predictions')).json().cases.map((c: { time: number }) => c.time);
    const newest = new Date(Math.max(...times)).toISOString();
    const oldest = new Date(Math.min(...times)).toISOString();
    expect((await get(`/api/v1/predictions?since=${oldest}`)).json().cases).toHaveLength(all.length);
    // `until` is exclusive: the newest case is left out.
    const before = (await get(`/api/v1/predictions?until=${newest}`)).json().cases;
    expect(before.every((c: { time: number }) => c.time < Date.parse(newest))).toBe(true);
    expect((await get('/api/v1/predictions?since=2000-01-01&until=2000-01-02')).json()).toEqual({
      cases: [],
    });
  });

  it('pages with max_results and page_token, in the same order', async () => {
    const seen: { requestId: string; row: number }[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = await get(
        `/api/v1/predictions?max_results=2${token ? `&page_token=${encodeURIComponent(token)}` : ''}`,
      );
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().cases);
      token = res.json().nextPageToken;
      pages += 1;
    } while (token);
    expect(pages).toBe(3);
    expect(keys(seen)).toEqual(keys(expected()));
  });

  it('refuses malformed filters with a precise 400', async () => {
    const cases: [string, RegExp][] = [
      ['min_score=0.9&max_score=0.1', /min_score \(0\.9\) is above max_score \(0\.1\)/],
      ['min_score=high', /min_score must be a number; got 'high'/],
      ['max_score=1e999', /max_score must be a number/],
      ['max_results=0', /max_results must be an integer from 1 to 10000; got '0'/],
      ['max_results=20000', /max_results must be an integer from 1 to 10000/],
      ['since=yesterday', /since must be an ISO date or time; got 'yesterday'/],
      ['since=2026-02-01&until=2026-01-01', /since \(2026-02-01\) is after until \(2026-01-01\)/],
      ['page_token=garbage', /page token is not one this audit log gave/],
    ];
    for (const [query, message] of cases) {
      const res = await get(`/api/v1/predictions?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error, query).toMatchObject({
        code: 'USAGE',
        message: expect.stringMatching(message),
      });
    }
  });
});

describe('GET /api/v1/predictions/:requestId/:row', () => {
  it('shows a case with its inputs, score and the conclusions on it, oldest first', async () => {
    const { requestId } = requests[0]!;
    const url = `/api/v1/predictions/${requestId}/1`;
    const before = await get(url);
    expect(before.statusCode, before.body).toBe(200);
    const shown = before.json();
    expect(shown).toMatchObject({ case: expected().find((c) => c.caseId === 'A-2'), conclusions: [] });
    // Its reasons, by version 1 (no longer in production) from the recorded inputs: they and the
    // base add up to the log-odds of the score it was given, and name its inputs as scored.
    expect(shown.reasonsUnavailable).toBeUndefined();
    const { base, reasons } = shown.reasons as {
      base: number;
      reasons: { feature: string; value: unknown; contribution: number }[];
    };
    const logOdds = Math.log(shown.case.score / (1 - shown.case.score));
    expect(base + reasons.reduce((sum, r) => sum + r.contribution, 0)).toBeCloseTo(logOdds, 4);
    expect(reasons.find((r) => r.feature === 'risk_pld')?.value).toBe('LOW');

    for (const conclusion of ['CLOSED_NO_ROI', 'REPORTED_TO_AUTHORITY']) {
      const res = await h.server.app.inject({
        method: 'POST',
        url: '/feedback',
        payload: { request_id: requestId, row: 1, conclusion, analyst: 'ana' },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    // A conclusion on another row of the same request is not this case's.
    await h.server.app.inject({
      method: 'POST',
      url: '/feedback',
      payload: { request_id: requestId, row: 0, conclusion: 'CLOSED_NO_ROI' },
    });
    const after = (await get(url)).json();
    expect(after.case.caseId).toBe('A-2');
    expect(after.conclusions).toEqual([
      expect.objectContaining({
        requestId,
        row: 1,
        caseId: 'A-2',
        conclusion: 'CLOSED_NO_ROI',
        label: 0,
        analyst: 'ana',
      }),
      expect.objectContaining({ requestId, row: 1, conclusion: 'REPORTED_TO_AUTHORITY', label: 1 }),
    ]);
  });

  it('answers 404 for a case the audit log does not hold, 400 for a row that is no position', async () => {
    const { requestId } = requests[1]!;
    const beyond = await get(`/api/v1/predictions/${requestId}/2`);
    expect(beyond.statusCode).toBe(404);
    expect(beyond.json().error).toMatchObject({
      code: 'NOT_FOUND',
      message: `no scored case for request ${requestId} row 2 in the audit log`,
    });
    expect((await get('/api/v1/predictions/no-such-request/0')).statusCode).toBe(404);
    for (const row of ['x', '-1', '1.5', '9999999999']) {
      const res = await get(`/api/v1/predictions/${requestId}/${row}`);
      expect(res.statusCode, row).toBe(400);
      expect(res.json().error.message, row).toMatch(/the row must be a case's position in its request/);
    }
  });
});
