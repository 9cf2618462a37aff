import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_BODY, trainTestBundle } from '../../scoring/scoring-test-kit.js';
import { MODEL, type ScoringServerHarness, scoringServerHarness } from './scoring-server-harness.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let h: ScoringServerHarness;
/** The server's log lines, as written. */
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  h = await scoringServerHarness();
  await h.publish(trainTestBundle(), 'production');
  await h.server.app.close();
  await h.server.close();
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  // Debug: one line per request ('request done'), with the request's bindings.
  await h.open({ logger: pino({ level: 'debug' }, sink) });
  await h.server.models.poll();
});
afterAll(() => h.close());

const predict = (payload: unknown, headers: Record<string, string> = {}) =>
  h.server.app.inject({ method: 'POST', url: '/predict', payload: payload as string, headers });
const feedback = (payload: Record<string, unknown>) =>
  h.server.app.inject({ method: 'POST', url: '/feedback', payload });

describe("a client's X-Request-Id", () => {
  it('is kept apart: two requests sent with the same one get two request ids, two audit keys, both stored with it', async () => {
    const first = await predict(EXAMPLE_BODY, { 'x-request-id': 'gateway-42' });
    const second = await predict({ ...EXAMPLE_BODY, risk_pld: ['LOW'] }, { 'x-request-id': 'gateway-42' });
    const ids = [first, second].map((res) => res.json().request_id as string);
    expect(ids[0]).toMatch(UUID_V7);
    expect(ids[1]).toMatch(UUID_V7);
    expect(ids[0]).not.toBe(ids[1]);
    for (const [i, res] of [first, second].entries()) {
      expect(res.headers['x-request-id']).toBe(ids[i]);
      expect(res.headers['x-client-request-id']).toBe('gateway-42');
    }
    await h.server.audit!.drain();
    const stored = (await h.server.auditLog.list({ clientRequestId: 'gateway-42' })).items;
    expect(stored.map((c) => [c.requestId, c.row, c.clientRequestId])).toEqual([
      [ids[1], 0, 'gateway-42'],
      [ids[0], 0, 'gateway-42'],
    ]);

    // Feedback by the server's id (and row, or as listings print it) lands on exactly that case.
    const onFirst = await feedback({ request_id: ids[0], row: 0, conclusion: 'CLOSED_NO_ROI' });
    const onSecond = await feedback({ case_id: `${ids[1]}#0`, conclusion: 'REPORTED_TO_AUTHORITY' });
    expect([onFirst.statusCode, onSecond.statusCode]).toEqual([201, 201]);
    expect(onFirst.json().feedback).toMatchObject({ request_id: ids[0], row: 0, label: 0 });
    expect(onFirst.json().scored.score).toBeCloseTo(first.json().predictions[0], 6);
    expect(onSecond.json().feedback).toMatchObject({ request_id: ids[1], row: 0, label: 1 });
    expect(onSecond.json().scored.score).toBeCloseTo(second.json().predictions[0], 6);
    expect(first.json().predictions[0]).not.toBeCloseTo(second.json().predictions[0], 6);
    const conclusions = (await h.server.feedbackLog.listFeedback()).map((f) => [f.requestId, f.label]);
    expect(conclusions).toEqual([
      [ids[0], 0],
      [ids[1], 1],
    ]);
    // The client's id is no key: feedback naming it finds nothing.
    expect((await feedback({ request_id: 'gateway-42', row: 0, conclusion: 'X' })).statusCode).toBe(404);
  });

  it('is neither echoed nor stored when malformed, and a request without one stores none', async () => {
    for (const given of ['two words', 'x'.repeat(129), 'semi;colon', '']) {
      const res = await predict(EXAMPLE_BODY, { 'x-request-id': given });
      expect(res.statusCode).toBe(200);
      const id = res.json().request_id;
      expect(id).toMatch(UUID_V7);
      expect(res.headers['x-request-id']).toBe(id);
      expect(res.headers['x-client-request-id']).toBeUndefined();
      await h.server.audit!.drain();
      expect((await h.server.auditLog.findCase({ requestId: id, row: 0 }))?.clientRequestId).toBeNull();
    }
    const without = await predict(EXAMPLE_BODY);
    expect(without.headers['x-client-request-id']).toBeUndefined();
    await h.server.audit!.drain();
    const id = without.json().request_id;
    expect((await h.server.auditLog.findCase({ requestId: id, row: 0 }))?.clientRequestId).toBeNull();
  });

  it('is recorded by every scoring protocol, and answered with errors too', async () => {
    const mlflow = await h.server.app.inject({
      method: 'POST',
      url: '/invocations',
      payload: {
        dataframe_records: [
          { total_outcome_dollar_amount: 2109.19, total_income_dollar_amount: 1305.06, risk_pld: 'HIGH' },
        ],
      },
      headers: { 'x-request-id': 'mlflow-client:1' },
    });
    const oip = await h.server.app.inject({
      method: 'POST',
      url: `/v2/models/${MODEL}/infer`,
      payload: {
        inputs: [
          { name: 'total_outcome_dollar_amount', datatype: 'FP64', shape: [1], data: [2109.19] },
          { name: 'total_income_dollar_amount', datatype: 'FP64', shape: [1], data: [1305.06] },
          { name: 'risk_pld', datatype: 'BYTES', shape: [1], data: ['HIGH'] },
        ],
      },
      headers: { 'x-request-id': 'oip-client.1' },
    });
    expect([mlflow.statusCode, oip.statusCode]).toEqual([200, 200]);
    expect(oip.json().parameters.request_id).toBe(oip.headers['x-request-id']);
    await h.server.audit!.drain();
    for (const [res, client] of [
      [mlflow, 'mlflow-client:1'],
      [oip, 'oip-client.1'],
    ] as const) {
      expect(res.headers['x-client-request-id']).toBe(client);
      const requestId = res.headers['x-request-id'] as string;
      expect(requestId).toMatch(UUID_V7);
      expect((await h.server.auditLog.findCase({ requestId, row: 0 }))?.clientRequestId).toBe(client);
    }
    const refused = await predict({ risk_pld: ['HIGH'] }, { 'x-request-id': 'bad-body-1' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().request_id).toBe(refused.headers['x-request-id']);
    expect(refused.headers['x-client-request-id']).toBe('bad-body-1');
  });

  it("is bound to the request's log lines as clientReqId, beside the server's reqId", async () => {
    const res = await predict(EXAMPLE_BODY, { 'x-request-id': 'logged-7' });
    const plain = await predict(EXAMPLE_BODY);
    const doneOf = (reqId: string) => lines.find((l) => l.reqId === reqId && l.msg === 'request done');
    expect(doneOf(res.json().request_id)).toMatchObject({ clientReqId: 'logged-7', status: 200 });
    expect(doneOf(plain.json().request_id)).toBeDefined();
    expect(doneOf(plain.json().request_id)).not.toHaveProperty('clientReqId');
  });
});
