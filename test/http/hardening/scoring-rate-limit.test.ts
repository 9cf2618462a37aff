import { afterAll, describe, expect, it } from 'vitest';
import type { ServerApp } from '../../../src/http/server-app.js';
import { createKeys, hardeningHome, hasNoInternals, injectableServer } from './hardening-kit.js';

const opened: { server: ServerApp; remove: () => void }[] = [];
afterAll(async () => {
  for (const { server, remove } of opened) {
    await server.app.close();
    await server.close();
    remove();
  }
});

async function open(env: Record<string, string>, keys: Record<string, 'score'> = {}) {
  const made = hardeningHome(env);
  const created = await createKeys(made.home, keys);
  const server = await injectableServer(made.env);
  opened.push({ server, remove: made.remove });
  return { server, keys: created };
}

const predict = (server: ServerApp, options: { key?: string; from?: string } = {}) =>
  server.app.inject({
    method: 'POST',
    url: '/predict',
    payload: { risk_pld: ['HIGH'] },
    ...(options.from ? { remoteAddress: options.from } : {}),
    headers: options.key ? { authorization: `Bearer ${options.key}` } : {},
  });

describe('scoring rate limit (rateLimit.scoringPerMinute)', () => {
  it('is absent by default: no limiter runs, no rate-limit header, no 429', async () => {
    const { server } = await open({});
    for (let i = 0; i < 30; i++) {
      const answer = await predict(server);
      expect(answer.statusCode).not.toBe(429);
      expect(answer.headers['x-ratelimit-limit']).toBeUndefined();
    }
  });

  it('limits each key apart when configured: 429 with Retry-After in the error shape after the limit', async () => {
    const { server, keys } = await open(
      { AMLOPS_AUTH_MODE: 'keys', AMLOPS_RATE_LIMIT_SCORING_PER_MINUTE: '3' },
      { alpha: 'score', beta: 'score' },
    );
    for (let i = 0; i < 3; i++) {
      const answer = await predict(server, { key: keys.alpha });
      // No model in production yet: 503, but the limiter has counted the request.
      expect(answer.statusCode).not.toBe(429);
      expect(answer.headers['x-ratelimit-limit']).toBe('3');
    }
    const refused = await predict(server, { key: keys.alpha });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(hasNoInternals(refused.body)).toBe(true);
    expect(refused.json().error.code).toBe('HTTP_RATE_LIMITED');
    expect(refused.json().error.message).toContain("key 'alpha'");
    expect(refused.json().error.message).toContain('rateLimit.scoringPerMinute');
    expect((await predict(server, { key: keys.beta })).statusCode).not.toBe(429);
    // Only scoring is limited.
    const health = await server.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.headers['x-ratelimit-limit']).toBeUndefined();
  });

  it('limits each address apart when scoring needs no key', async () => {
    const { server } = await open({ AMLOPS_RATE_LIMIT_SCORING_PER_MINUTE: '2' });
    for (let i = 0; i < 2; i++)
      expect((await predict(server, { from: '10.0.0.1' })).statusCode).not.toBe(429);
    const refused = await predict(server, { from: '10.0.0.1' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toContain('address 10.0.0.1');
    expect((await predict(server, { from: '10.0.0.2' })).statusCode).not.toBe(429);
  });
});
