import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_BODY, trainTestBundle } from '../../scoring/scoring-test-kit.js';
import { MODEL, type ScoringServerHarness, scoringServerHarness } from './scoring-server-harness.js';

let h: ScoringServerHarness;
let expected: number;

beforeAll(async () => {
  h = await scoringServerHarness();
  await h.publish(trainTestBundle(), 'production');
  await h.server.models.poll();
  expected = (await h.server.app.inject({ method: 'POST', url: '/predict', payload: EXAMPLE_BODY })).json()
    .predictions[0];
});
afterAll(() => h.close());

const columns = Object.keys(EXAMPLE_BODY);
const record = {
  total_outcome_dollar_amount: 2109.19,
  total_income_dollar_amount: 1305.06,
  risk_pld: 'HIGH',
};

describe("MLflow's scoring protocol", () => {
  it.each([
    ['dataframe_split', { dataframe_split: { columns, data: [[2109.19, 1305.06, 'HIGH']] } }],
    ['dataframe_records', { dataframe_records: [record] }],
    ['instances', { instances: [record] }],
    ['inputs', { inputs: EXAMPLE_BODY }],
  ])('scores %s', async (_format, payload) => {
    const res = await h.server.app.inject({ method: 'POST', url: '/invocations', payload });
    expect(res.statusCode).toBe(200);
    const { predictions } = res.json();
    expect(predictions).toHaveLength(1);
    expect(Math.abs(predictions[0] - expected)).toBeLessThan(1e-8);
  });

  it('scores text/csv with a header row', async () => {
    const payload =
      'total_outcome_dollar_amount,total_income_dollar_amount,risk_pld\n2109.19,1305.06,HIGH\n,5,\n';
    const res = await h.server.app.inject({
      method: 'POST',
      url: '/invocations',
      payload,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().predictions).toHaveLength(2);
    expect(Math.abs(res.json().predictions[0] - expected)).toBeLessThan(1e-8);
  });

  it('refuses other content types and malformed bodies with 4xx', async () => {
    const xml = await h.server.app.inject({
      method: 'POST',
      url: '/invocations',
      payload: '<a/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(xml.statusCode).toBe(415);
    const both = await h.server.app.inject({
      method: 'POST',
      url: '/invocations',
      payload: { instances: [record], inputs: [record] },
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.message).toMatch(/exactly one of/);
    const csv = await h.server.app.inject({
      method: 'POST',
      url: '/invocations',
      payload: 'a,"b\n1',
      headers: { 'content-type': 'text/csv' },
    });
    expect(csv.statusCode).toBe(400);
  });

  it('answers /ping and /version', async () => {
    expect((await h.server.app.inject('/ping')).statusCode).toBe(200);
    const version = await h.server.app.inject('/version');
    expect(version.body).toBe('9.9.9');
  });
});

describe('Open Inference Protocol v2', () => {
  const tensors = [
    { name: 'total_outcome_dollar_amount', shape: [1], datatype: 'FP64', data: [2109.19] },
    { name: 'total_income_dollar_amount', shape: [1], datatype: 'FP64', data: [1305.06] },
    { name: 'risk_pld', shape: [1], datatype: 'BYTES', data: ['HIGH'] },
  ];

  it('answers health and model metadata', async () => {
    expect((await h.server.app.inject('/v2/health/live')).json()).toEqual({ live: true });
    expect((await h.server.app.inject('/v2/health/ready')).json()).toEqual({ ready: true });
    const meta = (await h.server.app.inject(`/v2/models/${MODEL}`)).json();
    expect(meta).toMatchObject({
      name: MODEL,
      versions: ['1'],
      outputs: [{ name: 'predictions', datatype: 'FP64' }],
    });
    expect(meta.inputs.map((i: { name: string }) => i.name)).toEqual(columns);
    expect((await h.server.app.inject(`/v2/models/${MODEL}/ready`)).json()).toEqual({
      name: MODEL,
      ready: true,
    });
    const unknown = await h.server.app.inject('/v2/models/other-model');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('SCORING_MODEL_NOT_FOUND');
  });

  it('refuses a model name of more than 100 characters (414) or with a broken %-escape (400), in amlops’ error shape', async () => {
    const long = await h.server.app.inject(`/v2/models/${'a'.repeat(101)}/ready`);
    expect(long.statusCode).toBe(414);
    expect(long.json().error).toEqual({
      code: 'HTTP_PATH_PARAMETER_TOO_LONG',
      message: 'a path parameter is longer than 100 characters',
    });
    expect(long.json().request_id).toBe(long.headers['x-request-id']);
    const broken = await h.server.app.inject({ method: 'POST', url: '/v2/models/%zz/infer', payload: {} });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error).toEqual({
      code: 'HTTP_MALFORMED_PATH',
      message: 'a path parameter is not valid percent-encoded UTF-8: a % must start an escape such as %2F',
    });
  });

  it('infers with the served version and a named version', async () => {
    for (const url of [`/v2/models/${MODEL}/infer`, `/v2/models/${MODEL}/versions/1/infer`]) {
      const res = await h.server.app.inject({ method: 'POST', url, payload: { id: 'q1', inputs: tensors } });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ model_name: MODEL, model_version: '1', id: 'q1' });
      expect(body.outputs[0]).toMatchObject({ name: 'predictions', datatype: 'FP64', shape: [1] });
      expect(Math.abs(body.outputs[0].data[0] - expected)).toBeLessThan(1e-8);
    }
    const missing = await h.server.app.inject({
      method: 'POST',
      url: `/v2/models/${MODEL}/infer`,
      payload: { inputs: tensors.slice(1) },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('SCORING_COLUMN_MISSING');
  });
});

describe('health and metrics', () => {
  it('answers /healthz and /readyz with the model', async () => {
    expect((await h.server.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await h.server.app.inject('/readyz')).json()).toMatchObject({
      status: 'ready',
      model: { name: MODEL, version: '1' },
    });
  });

  it('exposes request durations, predictions, scores, errors, load time and the audit backlog', async () => {
    await h.server.app.inject({ method: 'POST', url: '/predict', payload: { risk_pld: ['HIGH'] } });
    const text = (await h.server.app.inject('/metrics')).body;
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{[^}]*route="\/predict"[^}]*status_code="200"/,
    );
    expect(text).toMatch(
      /amlops_predictions_total\{model_name="consumers-laundering-model",model_version="1"\} \d+/,
    );
    expect(text).toMatch(/amlops_score_bucket\{model_version="1",le="1"\} \d+/);
    expect(text).toMatch(/amlops_errors_total\{code="SCORING_COLUMN_MISSING"\} [1-9]/);
    expect(text).toMatch(
      /amlops_model_load_seconds\{model_name="consumers-laundering-model",model_version="1"\} [\d.e-]+/,
    );
    expect(text).toMatch(/amlops_audit_backlog_bytes \d+/);
    expect(text).toMatch(/amlops_audit_refused_total 0/);
  });
});

describe('POST /feedback', () => {
  it('records a conclusion by request id and row, and by case id', async () => {
    const scored = await h.server.app.inject({
      method: 'POST',
      url: '/predict',
      payload: [
        { ...record, case_id: 'C-77' },
        { ...record, case_id: 'C-78', risk_pld: 'LOW' },
      ],
    });
    const requestId = scored.json().request_id;
    const byRow = await h.server.app.inject({
      method: 'POST',
      url: '/feedback',
      payload: { request_id: requestId, row: 1, conclusion: 'CLOSED_NO_ROI', analyst: 'ana' },
    });
    expect(byRow.statusCode).toBe(201);
    expect(byRow.json().feedback).toEqual({
      request_id: requestId,
      row: 1,
      case_id: 'C-78',
      conclusion: 'CLOSED_NO_ROI',
      label: 0,
    });
    expect(byRow.json().scored.score).toBeCloseTo(scored.json().predictions[1], 6);
    const byCase = await h.server.app.inject({
      method: 'POST',
      url: '/feedback',
      payload: { case_id: 'C-77', conclusion: 'REPORTED_TO_AUTHORITY' },
    });
    expect(byCase.statusCode).toBe(201);
    expect(byCase.json().feedback).toMatchObject({ row: 0, label: 1 });
    const stored = await h.server.feedbackLog.listFeedback();
    expect(stored.map((f) => [f.caseId, f.label, f.analyst])).toEqual([
      ['C-78', 0, 'ana'],
      ['C-77', 1, ''],
    ]);
  });

  it.each([
    [
      { request_id: 'nope', row: 0, conclusion: 'X' },
      404,
      'FEEDBACK_CASE_NOT_FOUND',
      /no scored case for request nope row 0/,
    ],
    [
      { case_id: 'C-404', conclusion: 'X' },
      404,
      'FEEDBACK_CASE_NOT_FOUND',
      /case id \(or request#row\) "C-404"/,
    ],
    [{ request_id: 'r', row: -1, conclusion: 'X' }, 400, 'FEEDBACK_INVALID', /"row" must be/],
    [{ request_id: 'r', row: 0 }, 400, 'FEEDBACK_INVALID', /"conclusion" must be/],
    [{ request_id: 'r', row: 0, case_id: 'c', conclusion: 'X' }, 400, 'FEEDBACK_INVALID', /one of the two/],
    [{ case_id: 'c', conclusion: 'X', score: 1 }, 400, 'FEEDBACK_INVALID', /unknown field: score/],
  ])('refuses %j', async (payload, status, code, message) => {
    const res = await h.server.app.inject({ method: 'POST', url: '/feedback', payload });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.message).toMatch(message);
  });
});
