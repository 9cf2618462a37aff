import { grafanaWebhookPayload } from '../core/alerts/grafana-webhook-payload.js';
import type { DeliveryAttempt, Notifier } from '../ports/notifier.js';
import { ALERT_RECEIVER } from './alert-service.js';

/**
 * Sends a notification of a made-up firing alert (`amlops-test`, severity info) through a notifier,
 * as Grafana's "Test" button on a contact point does, so that an operator sees the receiver take it.
 *
 * @example
 * const { delivered } = await testNotification(new WebhookNotifier(url), Date.now, (a) => console.log(a));
 */
export async function testNotification(
  notifier: Notifier,
  now: () => number,
  onAttempt: (attempt: DeliveryAttempt) => void,
): Promise<{ readonly delivered: boolean; readonly attempts: number }> {
  const at = now();
  const payload = grafanaWebhookPayload(
    [
      {
        rule: 'amlops-test',
        severity: 'info',
        from: 'ok',
        to: 'firing',
        at,
        value: 1,
        threshold: 0,
        condition: '>',
        labels: { test: 'true' },
        message: 'amlops-test firing: a test notification sent by `amlops alerts test`',
        notify: true,
      },
    ],
    { receiver: ALERT_RECEIVER },
  );
  return notifier.deliver(payload, onAttempt);
}
