import { afterEach, describe, expect, it } from 'vitest';
import { WebhookNotifier } from '../../src/adapters/notify/webhook-notifier.js';
import type { DeliveryAttempt } from '../../src/ports/notifier.js';
import { freePort } from '../setup/free-port.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

const fast = { timeoutMs: 300, backoffMs: 20 };

async function deliver(notifier: WebhookNotifier, payload: unknown = { status: 'firing' }) {
  const attempts: DeliveryAttempt[] = [];
  const outcome = await notifier.deliver(payload, (a) => void attempts.push(a));
  return { outcome, attempts };
}

describe('the webhook notifier, against a real HTTP receiver', () => {
  it('POSTs the JSON payload once when the receiver takes it', async () => {
    receiver = await startWebhookReceiver();
    const payload = { receiver: 'amlops', status: 'firing', alerts: [{ labels: { alertname: 'x' } }] };
    const { outcome, attempts } = await deliver(new WebhookNotifier(receiver.url, fast), payload);
    expect(outcome).toEqual({ delivered: true, attempts: 1 });
    expect(attempts).toEqual([expect.objectContaining({ attempt: 1, ok: true, status: 200, error: null })]);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]).toMatchObject({ path: '/hooks/amlops', body: payload });
    expect(receiver.received[0]!.headers['content-type']).toBe('application/json');
  });

  it('retries a server error with backoff and reports every attempt', async () => {
    receiver = await startWebhookReceiver();
    receiver.answer(500, 503, 200);
    const { outcome, attempts } = await deliver(new WebhookNotifier(receiver.url, fast));
    expect(outcome).toEqual({ delivered: true, attempts: 3 });
    expect(attempts.map((a) => [a.attempt, a.ok, a.status, a.error])).toEqual([
      [1, false, 500, 'HTTP 500'],
      [2, false, 503, 'HTTP 503'],
      [3, true, 200, null],
    ]);
    expect(attempts[2]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(20 + 40);
  });

  it('gives up after its attempts when the receiver never answers (timeouts)', async () => {
    receiver = await startWebhookReceiver();
    receiver.fallback = 'hang';
    const { outcome, attempts } = await deliver(new WebhookNotifier(receiver.url, { ...fast, attempts: 3 }));
    expect(outcome).toEqual({ delivered: false, attempts: 3 });
    expect(attempts.map((a) => a.error)).toEqual(Array(3).fill('timeout after 300 ms'));
    expect(attempts.every((a) => a.durationMs >= 250)).toBe(true);
  });

  it('says the connection was refused when nothing listens', async () => {
    const port = await freePort();
    const { outcome, attempts } = await deliver(
      new WebhookNotifier(`http://127.0.0.1:${port}/x`, { ...fast, attempts: 2 }),
    );
    expect(outcome.delivered).toBe(false);
    expect(attempts.map((a) => a.error)).toEqual(['connection refused', 'connection refused']);
  });

  it('does not retry a client error: the request itself is wrong', async () => {
    receiver = await startWebhookReceiver();
    receiver.fallback = 400;
    const { outcome, attempts } = await deliver(new WebhookNotifier(receiver.url, fast));
    expect(outcome).toEqual({ delivered: false, attempts: 1 });
    expect(receiver.received).toHaveLength(1);
    expect(attempts[0]!.error).toBe('HTTP 400');
  });

  it('never shows the token a webhook URL carries in its path or query', async () => {
    receiver = await startWebhookReceiver('/services/T000/B000/s3cr3tT0k3n?api_key=hunter2');
    receiver.fallback = 500;
    const notifier = new WebhookNotifier(receiver.url, { ...fast, attempts: 2 });
    const { attempts } = await deliver(notifier);
    const shown = JSON.stringify([notifier.name, attempts]);
    expect(notifier.name).toMatch(/^webhook http:\/\/127\.0\.0\.1:\d+$/);
    expect(shown).not.toContain('s3cr3tT0k3n');
    expect(shown).not.toContain('hunter2');
    expect(() => new WebhookNotifier('ftp://example.org/hook')).toThrow(/http or https/);
  });
});
