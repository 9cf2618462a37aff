import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_BODY, trainTestBundle } from '../../scoring/scoring-test-kit.js';
import { MODEL, type ScoringServerHarness, scoringServerHarness } from './scoring-server-harness.js';

let h: ScoringServerHarness;
const post = (payload: unknown, url = '/predict', headers: Record<string, string> = {}) =>
  h.server.app.inject({ method: 'POST', url, payload: payload as string, headers });

beforeAll(async () => {
  h = await scoringServerHarness({ 'scoring.maxRows': 50, 'scoring.bodyLimitBytes': 4096 });
});
afterAll(() => h.close());

describe('POST /predict', () => {
  it('answers 503 SCORING_MODEL_NOT_READY until a production model exists', async () => {
    const res = await post(EXAMPLE_BODY);
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('SCORING_MODEL_NOT_READY');
    expect((await h.server.app.inject('/readyz')).statusCode).toBe(503);
    await h.publish(trainTestBundle(), 'production');
    await h.server.models.poll();
    expect((await h.server.app.inject('/readyz')).statusCode).toBe(200);
  });

  it("keeps the original's contract and adds request_id (the server's, whatever X-Request-Id says) and warnings", async () => {
    const res = await post(EXAMPLE_BODY, '/predict', { 'x-request-id': 'abc-123' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.model).toEqual({
      name: MODEL,
      run_id: '',
      current_scope: 'Production',
      status: 'READY',
      version: '1',
    });
    expect(body.predictions).toHaveLength(1);
    expect(body.predictions[0]).toBeGreaterThan(0);
    expect(body.predictions[0]).toBeLessThan(1);
    expect(String(body.predictions[0]).split('.')[1]!.length).toBeLessThanOrEqual(8);
    expect(body.request_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(res.headers['x-request-id']).toBe(body.request_id);
    expect(res.headers['x-client-request-id']).toBe('abc-123');
    expect(body.warnings).toEqual([]);
    expect(body.reasons).toBeUndefined();
  });

  it('accepts a list of records and gives the same scores', async () => {
    const columns = await post(EXAMPLE_BODY);
    const records = await post([
      { total_outcome_dollar_amount: 2109.19, total_income_dollar_amount: '1305.06', risk_pld: 'HIGH' },
    ]);
    expect(records.json().predictions).toEqual(columns.json().predictions);
    expect(records.json().request_id).not.toBe(columns.json().request_id);
  });

  it('adds reasons with ?explain=true or "explain": true', async () => {
    const byQuery = (await post(EXAMPLE_BODY, '/predict?explain=true')).json();
    const byBody = (await post({ ...EXAMPLE_BODY, explain: true })).json();
    expect(byQuery.reasons).toEqual(byBody.reasons);
    const [first] = byQuery.reasons;
    expect(first.reasons.map((r: { feature: string }) => r.feature).sort()).toEqual([
      'risk_pld',
      'total_income_dollar_amount',
      'total_outcome_dollar_amount',
    ]);
    expect(first.reasons.find((r: { feature: string }) => r.feature === 'risk_pld').text).toMatch(
      /^risk_pld=HIGH [+-]\d/,
    );
    const logit = Math.log(byQuery.predictions[0] / (1 - byQuery.predictions[0]));
    const sum =
      first.base + first.reasons.reduce((s: number, r: { contribution: number }) => s + r.contribution, 0);
    expect(Math.abs(sum - logit)).toBeLessThan(1e-4);
  });

  it('scores unseen categories and empty values as missing, ignores extra columns, and says so', async () => {
    const res = await post({
      total_outcome_dollar_amount: [100, ''],
      total_income_dollar_amount: [null, 5],
      risk_pld: ['EXTREME', 'LOW'],
      channel: ['web', 'app'],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().predictions).toHaveLength(2);
    expect(res.json().warnings.map((w: { code: string; column: string }) => `${w.code} ${w.column}`)).toEqual(
      [
        'MISSING_VALUE total_outcome_dollar_amount',
        'MISSING_VALUE total_income_dollar_amount',
        'UNSEEN_CATEGORY risk_pld',
        'EXTRA_COLUMN channel',
      ],
    );
  });

  const bad: [
    string,
    () => Promise<{ statusCode: number; json(): { error: { code: string; message: string } } }>,
    number,
    string,
    RegExp,
  ][] = [
    [
      'columns of unequal length',
      () => post({ ...EXAMPLE_BODY, risk_pld: ['HIGH', 'LOW'] }),
      400,
      'SCORING_INPUT_INVALID',
      /unequal lengths.*risk_pld has 2/,
    ],
    [
      'a missing column',
      () => post({ risk_pld: ['HIGH'], total_income_dollar_amount: [1] }),
      400,
      'SCORING_COLUMN_MISSING',
      /total_outcome_dollar_amount/,
    ],
    [
      'text that is not a number',
      () => post({ ...EXAMPLE_BODY, total_income_dollar_amount: ['12abc'] }),
      400,
      'SCORING_VALUE_INVALID',
      /total_income_dollar_amount row 0: "12abc" is not a number/,
    ],
    [
      'NaN',
      () => post({ ...EXAMPLE_BODY, total_income_dollar_amount: ['NaN'] }),
      400,
      'SCORING_VALUE_INVALID',
      /not a finite number/,
    ],
    [
      'Infinity',
      () => post({ ...EXAMPLE_BODY, total_outcome_dollar_amount: ['Infinity'] }),
      400,
      'SCORING_VALUE_INVALID',
      /total_outcome_dollar_amount row 0: "Infinity" is not a finite number/,
    ],
    [
      'a negative amount',
      () => post({ ...EXAMPLE_BODY, total_outcome_dollar_amount: [-3] }),
      400,
      'SCORING_VALUE_INVALID',
      /-3 is a negative amount/,
    ],
    [
      'more rows than allowed',
      () =>
        post({
          total_outcome_dollar_amount: Array(51).fill(1),
          total_income_dollar_amount: Array(51).fill(1),
          risk_pld: Array(51).fill('LOW'),
        }),
      413,
      'SCORING_TOO_MANY_ROWS',
      /51 cases; at most 50/,
    ],
    [
      'a body over the limit',
      () => post({ ...EXAMPLE_BODY, pad: ['x'.repeat(5000)] }),
      413,
      'HTTP_BODY_TOO_LARGE',
      /./,
    ],
    [
      'malformed JSON',
      () => post('{"risk_pld": [', '/predict', { 'content-type': 'application/json' }),
      400,
      'HTTP_INVALID_JSON',
      /./,
    ],
    [
      'a text body',
      () => post('risk_pld=HIGH', '/predict', { 'content-type': 'text/plain' }),
      415,
      'HTTP_UNSUPPORTED_MEDIA_TYPE',
      /takes application\/json/,
    ],
    [
      'an unknown content type',
      () => post('<x/>', '/predict', { 'content-type': 'application/xml' }),
      415,
      'HTTP_UNSUPPORTED_MEDIA_TYPE',
      /./,
    ],
    [
      'no body',
      () => h.server.app.inject({ method: 'POST', url: '/predict' }),
      400,
      'SCORING_INPUT_INVALID',
      /must be a JSON object of columns/,
    ],
    [
      'an unknown model',
      () => post(EXAMPLE_BODY, `/predict?model=${MODEL}@nope`),
      404,
      'SCORING_MODEL_NOT_FOUND',
      /no model consumers-laundering-model@nope/,
    ],
    [
      'an unknown version',
      () => post(EXAMPLE_BODY, `/predict?model=${MODEL}/99`),
      404,
      'SCORING_MODEL_NOT_FOUND',
      /./,
    ],
    [
      'a malformed model reference',
      () => post(EXAMPLE_BODY, '/predict?model=a/b@c/x'),
      400,
      'SCORING_MODEL_REF_INVALID',
      /is not NAME, NAME@ALIAS or NAME\/VERSION/,
    ],
    [
      'a scalar column',
      () => post({ ...EXAMPLE_BODY, risk_pld: 'HIGH' }),
      400,
      'SCORING_INPUT_INVALID',
      /column "risk_pld" of the body must be an array/,
    ],
    [
      '__proto__ in the body',
      () => post('{"__proto__": {"x": 1}}', '/predict', { 'content-type': 'application/json' }),
      400,
      'HTTP_INVALID_JSON',
      /./,
    ],
  ];
  it.each(bad)('refuses %s with a precise 4xx', async (_name, send, status, code, message) => {
    const res = await send();
    expect(res.statusCode).toBe(status);
    const body = res.json() as unknown as { error: { code: string; message: string }; request_id: string };
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(message);
    expect(typeof body.request_id).toBe('string');
  });

  it('scores with another version or alias on request', async () => {
    await h.publish(trainTestBundle({ seed: 11, trees: 5 }), 'challenger');
    const res = (await post(EXAMPLE_BODY, `/predict?model=${MODEL}@challenger`)).json();
    expect(res.model).toMatchObject({ version: '2', current_scope: 'challenger' });
    const v1 = (await post(EXAMPLE_BODY, `/predict?model=${MODEL}/1`)).json();
    expect(v1.model).toMatchObject({ version: '1', current_scope: 'Production' });
    const v2 = (await post(EXAMPLE_BODY, `/predict?model=${MODEL}/2`)).json();
    expect(v2.model).toMatchObject({ version: '2', current_scope: 'None' });
    expect(v2.predictions).toEqual(res.predictions);
  });

  it('never answers 5xx to random bodies', async () => {
    const values = [null, 1, -1, 'x', '', '1e3', true, [], {}, [1], ['HIGH'], { a: [1] }, 1e308, '0x10'];
    let seed = 1;
    const pick = <T>(list: readonly T[]): T => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return list[seed % list.length]!;
    };
    for (let i = 0; i < 150; i++) {
      const body =
        i % 3 === 0
          ? pick(values)
          : {
              total_outcome_dollar_amount: pick([[pick(values)], pick(values)]),
              total_income_dollar_amount: [pick(values)],
              risk_pld: pick([[pick(values)], pick(values)]),
              ...(i % 5 === 0 ? { explain: pick(values) } : {}),
            };
      const url = pick([
        '/predict',
        '/invocations',
        `/v2/models/${MODEL}/infer`,
        '/predict?explain=1',
        '/feedback',
      ]);
      const res = await h.server.app.inject({
        method: 'POST',
        url,
        payload: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode, `${url} ${JSON.stringify(body)} -> ${res.body}`).toBeLessThan(500);
    }
  });
});
