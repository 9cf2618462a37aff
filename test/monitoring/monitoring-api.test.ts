import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCases } from '../../src/core/synthetic/index.js';
import type { ServerApp } from '../../src/http/server-app.js';
import { type MonitoringHome, monitoringHome, predictBody } from './monitoring-kit.js';

let h: MonitoringHome;
let server: ServerApp;
let runId: string;
beforeAll(async () => {
  h = await monitoringHome({ AMLOPS_ALERTS_MIN_TEST_ROC_AUC: '0.5' });
  const trained = await h.run('train', {
    data: await h.write('cases.csv', generateCases({ rows: 3000, seed: 61 }).frame),
    preset: 'original',
  });
  runId = (trained.outputs.log as { runId: string }).runId;
  server = await h.server();
  const cases = generateCases({ rows: 300, seed: 62 }).frame;
  expect(
    (await server.app.inject({ method: 'POST', url: '/predict', payload: predictBody(cases, 0, 300) }))
      .statusCode,
  ).toBe(200);
  await server.audit!.drain();
  expect((await h.run('monitor')).state).toBe('Completed');
});
afterAll(async () => {
  await h.close();
});

const get = async (url: string) => server.app.inject({ method: 'GET', url });
const post = async (url: string, payload: unknown) =>
  server.app.inject({ method: 'POST', url, payload: payload as object });

describe('/api/v1 quality, alerts and service', () => {
  it('lists the training and live reports, gives one whole and as an HTML page', async () => {
    const training = (await get('/api/v1/quality/reports?kind=training')).json();
    expect(training.reports).toEqual([
      expect.objectContaining({
        kind: 'training',
        runId,
        referenceName: 'train split',
        currentName: 'test split',
      }),
    ]);
    const live = (await get('/api/v1/quality/reports?kind=live')).json();
    expect(live.reports).toEqual([
      expect.objectContaining({ kind: 'live', modelVersion: '1', currentRows: 300 }),
    ]);
    const one = (await get(`/api/v1/quality/reports/${live.reports[0].id}`)).json();
    expect(one.report.columns.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining([
        'total_income_dollar_amount',
        'total_outcome_dollar_amount',
        'risk_pld',
        'score',
      ]),
    );
    const html = await get(`/api/v1/quality/reports/${training.reports[0].id}/html`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    // The page's own policy wins over the server's: its inline style sheet and style attributes
    // need 'unsafe-inline' for style, and nothing else is allowed; the other headers stay.
    expect(html.headers['content-security-policy']).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(html.headers['x-frame-options']).toBe('DENY');
    expect(html.body).toContain('train split');
    expect((await get('/api/v1/quality/reports/nope')).json()).toMatchObject({
      error: { code: 'QUALITY_REPORT_NOT_FOUND' },
    });
    expect((await get('/api/v1/quality/reports?kind=weekly')).statusCode).toBe(400);
  });

  it("gives the live drift history and the original's metrics_summary rows", async () => {
    const { points } = (await get('/api/v1/quality/live')).json();
    expect(points).toEqual([
      expect.objectContaining({ modelVersion: '1', rows: 300, testedColumns: 3, datasetDrift: false }),
    ]);
    const { rows } = (await get(`/api/v1/quality/metrics-summary?run=${runId}`)).json();
    expect(rows).toEqual([
      expect.objectContaining({ run_id: runId, version: '1', current_number_rows: 900 }),
    ]);
  });

  it('gives the alerts with their states, silences with a reason and refuses what is wrong', async () => {
    const { alerts } = (await get('/api/v1/alerts')).json();
    expect(alerts.map((a: { rule: { name: string } }) => a.rule.name)).toContain('live-data-drift');
    const silenced = await post('/api/v1/alerts/live-data-drift/silence', {
      for: '1h',
      reason: 'migration',
      by: 'ops',
    });
    expect(silenced.statusCode).toBe(200);
    expect(silenced.json()).toMatchObject({
      rule: 'live-data-drift',
      silenceReason: 'migration',
      silencedBy: 'ops',
    });
    const history = (await get('/api/v1/alerts/history?rule=live-data-drift')).json();
    expect(history.events[0]).toMatchObject({ kind: 'silence', actor: 'ops' });
    expect(
      (await post('/api/v1/alerts/live-data-drift/silence', { reason: 'x', by: 'ops' })).statusCode,
    ).toBe(400);
    expect(
      (
        await post('/api/v1/alerts/live-data-drift/silence', {
          until: '2000-01-01T00:00:00Z',
          reason: 'x',
          by: 'ops',
        })
      ).json(),
    ).toMatchObject({
      error: { code: 'ALERT_SILENCE_INVALID' },
    });
    expect((await post('/api/v1/alerts/nope/ack', { by: 'ops' })).statusCode).toBe(404);
    expect((await post('/api/v1/alerts/live-data-drift/ack', { by: 'ops' })).statusCode).toBe(409);
    expect((await post('/api/v1/alerts/live-data-drift/ack', {})).statusCode).toBe(400);
  });

  it("gives the scoring service's figures over a window, every process together", async () => {
    await server.flushServiceStats();
    const response = await get('/api/v1/service?window=1h');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      window: '1h',
      totals: { requests: 1, cases: 300, serverErrors: 0, clientErrors: 0, errorRate: 0 },
      intervals: [expect.objectContaining({ requests: 1, cases: 300 })],
    });
    expect((await get('/api/v1/service?window=soon')).statusCode).toBe(400);
  });
});
