import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WebhookNotifier } from '../../src/adapters/notify/webhook-notifier.js';
import { SqlAlertStore } from '../../src/adapters/sql/alert-sql-store.js';
import { openSqlDatabase } from '../../src/adapters/sql/open-sql-database.js';
import { parseAlertRules } from '../../src/core/alerts/parse-alert-rules.js';
import { alertOverview } from '../../src/services/alert-overview.js';
import {
  type AlertServiceDeps,
  acknowledgeRule,
  deliverAlerts,
  evaluateAlerts,
  silenceRule,
} from '../../src/services/alert-service.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const rules = parseAlertRules([
  {
    name: 'test-roc-auc-low',
    metric: 'training.test_roc_auc',
    condition: '<',
    threshold: 0.89,
    severity: 'critical',
  },
  { name: 'live-data-drift', metric: 'live.drift_share', condition: '>=', threshold: 0.5, minCases: 100 },
]);
const T0 = Date.parse('2026-12-04T10:00:00Z');

async function service(file: string, url: string, clock: { now: number }) {
  const database = await openSqlDatabase(`sqlite:${file}`);
  const store = await SqlAlertStore.open(database);
  await database.close();
  const deps: AlertServiceDeps = {
    store,
    rules,
    notifier: new WebhookNotifier(url, { attempts: 2, timeoutMs: 300, backoffMs: 10 }),
    now: () => clock.now,
  };
  return { deps, close: () => store.close() };
}

describe('the alert service', () => {
  it('fires, records and notifies; a receiver that is down gets the notification later, also after a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'amlops-alert-service-'));
    dirs.push(dir);
    const file = join(dir, 'amlops.db');
    const receiver = await startWebhookReceiver();
    const clock = { now: T0 };
    try {
      receiver.fallback = 503;
      const first = await service(file, receiver.url, clock);
      const transitions = await evaluateAlerts(
        first.deps,
        new Map([
          ['test-roc-auc-low', { value: 0.61, labels: { model: 'm', version: '4' }, detail: 'run r1' }],
        ]),
      );
      expect(transitions.map((t) => `${t.rule} ${t.from}->${t.to}`)).toEqual(['test-roc-auc-low ok->firing']);
      expect(await deliverAlerts(first.deps)).toEqual({ delivered: 0, retrying: 1, failed: 0 });
      expect(receiver.received).toHaveLength(2);
      await first.close();

      // A new process: the state and the pending notification were kept.
      receiver.fallback = 200;
      clock.now = T0 + 30_000;
      const second = await service(file, receiver.url, clock);
      expect(await deliverAlerts(second.deps)).toEqual({ delivered: 0, retrying: 0, failed: 0 });
      clock.now = T0 + 60_000;
      expect(await deliverAlerts(second.deps)).toEqual({ delivered: 1, retrying: 0, failed: 0 });
      const payload = receiver.received.at(-1)!.body as {
        status: string;
        alerts: { labels: Record<string, string>; values: { A: number } }[];
      };
      expect(payload.status).toBe('firing');
      expect(payload.alerts[0]).toMatchObject({
        labels: { alertname: 'test-roc-auc-low', severity: 'critical', version: '4' },
        values: { A: 0.61 },
      });
      const overview = await alertOverview(second.deps);
      expect(overview[0]).toMatchObject({
        rule: { name: 'test-roc-auc-low' },
        state: { state: 'firing', value: 0.61 },
      });
      const [delivery] = await second.deps.store.deliveries();
      expect(delivery).toMatchObject({ state: 'delivered', attempts: 3, rounds: 2 });
      expect((await second.deps.store.attempts(delivery!.id)).map((a) => a.error)).toEqual([
        'HTTP 503',
        'HTTP 503',
        null,
      ]);

      // Acknowledged, silenced: a resolution is recorded but not sent; later transitions are.
      await acknowledgeRule(second.deps, 'test-roc-auc-low', 'alice');
      await silenceRule(second.deps, 'test-roc-auc-low', {
        until: T0 + 3_600_000,
        reason: 'retraining',
        by: 'bob',
      });
      clock.now = T0 + 120_000;
      const resolved = await evaluateAlerts(
        second.deps,
        new Map([
          ['test-roc-auc-low', { value: 0.93, labels: { model: 'm', version: '5' }, detail: 'run r2' }],
        ]),
      );
      expect(resolved).toEqual([expect.objectContaining({ to: 'resolved', notify: false })]);
      expect(await deliverAlerts(second.deps)).toEqual({ delivered: 0, retrying: 0, failed: 0 });
      const history = await second.deps.store.events({ rule: 'test-roc-auc-low' });
      expect(
        history.map((e) => (e.kind === 'transition' ? `${e.from}->${e.to}` : `${e.kind} by ${e.actor}`)),
      ).toEqual(['firing->resolved', 'silence by bob', 'acknowledge by alice', 'ok->firing']);
      await expect(acknowledgeRule(second.deps, 'test-roc-auc-low', 'alice')).rejects.toMatchObject({
        code: 'ALERT_NOT_ACTIVE',
      });
      await expect(
        silenceRule(second.deps, 'no-such-rule', { until: T0 + 9e6, reason: 'x', by: 'a' }),
      ).rejects.toMatchObject({
        code: 'ALERT_RULE_UNKNOWN',
      });
      await second.close();
    } finally {
      await receiver.close();
    }
  });

  it('gives a notification up after six rounds, each recorded', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'amlops-alert-service-'));
    dirs.push(dir);
    const receiver = await startWebhookReceiver();
    receiver.fallback = 500;
    const clock = { now: T0 };
    const { deps, close } = await service(join(dir, 'amlops.db'), receiver.url, clock);
    try {
      await evaluateAlerts(deps, new Map([['live-data-drift', { value: 0.67, labels: {}, detail: '' }]]));
      const rounds = [];
      for (let i = 0; i < 6; i++) {
        rounds.push(await deliverAlerts(deps));
        clock.now += 3_600_000;
      }
      expect(rounds.at(-1)).toEqual({ delivered: 0, retrying: 0, failed: 1 });
      expect(rounds.slice(0, 5).every((r) => r.retrying === 1)).toBe(true);
      const [delivery] = await deps.store.deliveries();
      expect(delivery).toMatchObject({ state: 'failed', attempts: 12, rounds: 6, lastError: 'HTTP 500' });
    } finally {
      await close();
      await receiver.close();
    }
  });
});
