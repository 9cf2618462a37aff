import { describe, expect, it } from 'vitest';
import type { AlertTransition } from './alert-transition.js';
import { grafanaWebhookPayload } from './grafana-webhook-payload.js';

const firing: AlertTransition = {
  rule: 'live-data-drift',
  severity: 'warning',
  from: 'ok',
  to: 'firing',
  at: Date.parse('2026-12-04T10:00:00Z'),
  value: 0.667,
  threshold: 0.5,
  condition: '>=',
  labels: { model: 'consumers-laundering-model', version: '3' },
  message: 'live-data-drift firing: live.drift_share 0.667 >= 0.5',
  firingSince: Date.parse('2026-12-04T10:00:00Z'),
  notify: true,
};

describe("Grafana's webhook contact point payload", () => {
  it('has every field Grafana sends, with its type, for a firing alert', () => {
    const payload = grafanaWebhookPayload([firing], { receiver: 'amlops' });
    expect(payload).toEqual({
      receiver: 'amlops',
      status: 'firing',
      orgId: 1,
      alerts: [
        {
          status: 'firing',
          labels: {
            alertname: 'live-data-drift',
            severity: 'warning',
            model: 'consumers-laundering-model',
            version: '3',
          },
          annotations: { summary: firing.message, description: firing.message },
          startsAt: '2026-12-04T10:00:00.000Z',
          endsAt: '0001-01-01T00:00:00Z',
          generatorURL: '',
          fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
          silenceURL: '',
          dashboardURL: '',
          panelURL: '',
          values: { A: 0.667 },
        },
      ],
      groupLabels: { alertname: 'live-data-drift' },
      commonLabels: {
        alertname: 'live-data-drift',
        severity: 'warning',
        model: 'consumers-laundering-model',
        version: '3',
      },
      commonAnnotations: { summary: firing.message, description: firing.message },
      externalURL: '',
      version: '1',
      groupKey: '{}:{alertname="live-data-drift"}',
      truncatedAlerts: 0,
      title: '[FIRING:1] live-data-drift',
      state: 'alerting',
      message: `**Firing**\n${firing.message}`,
    });
  });

  it('ends a resolved alert at its resolution, keeps its start and fingerprint', () => {
    const resolved: AlertTransition = {
      ...firing,
      from: 'firing',
      to: 'resolved',
      at: Date.parse('2026-12-04T12:00:00Z'),
      value: 0.2,
    };
    const payload = grafanaWebhookPayload([resolved], { receiver: 'amlops' });
    const [alert] = payload.alerts;
    expect(payload).toMatchObject({ status: 'resolved', state: 'ok', title: '[RESOLVED:1] live-data-drift' });
    expect(alert).toMatchObject({
      status: 'resolved',
      startsAt: '2026-12-04T10:00:00.000Z',
      endsAt: '2026-12-04T12:00:00.000Z',
    });
    expect(alert!.fingerprint).toBe(
      grafanaWebhookPayload([firing], { receiver: 'amlops' }).alerts[0]!.fingerprint,
    );
  });
});
