import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../src/main/server.js';
import { createKeys, hardeningHome, hasNoInternals, listeningServer } from './hardening-kit.js';

const { home, env, remove } = hardeningHome({
  AMLOPS_AUTH_MODE: 'keys',
  AMLOPS_RATE_LIMIT_FAILED_AUTH_PER_MINUTE: '3',
});
const WRONG = `amlops_0123456789abcdef_${'A'.repeat(43)}`;
let keys: Record<string, string>;
let running: RunningServer;

beforeAll(async () => {
  keys = await createKeys(home, { reader: 'read' });
  running = await listeningServer(env);
});
afterAll(async () => {
  await running?.shutdown();
  remove();
});

const runs = (key: string, init: RequestInit = {}) =>
  fetch(`${running.url}/api/v1/runs`, { ...init, headers: { authorization: `Bearer ${key}` } });

describe('failed authentication is limited per address (rateLimit.failedAuthPerMinute)', () => {
  it('answers 401 up to the limit, then 429 with Retry-After, even to the right key, in each API shape', async () => {
    // Requests without any key are not guesses: they do not count.
    for (let i = 0; i < 5; i++) expect((await fetch(`${running.url}/api/v1/runs`)).status).toBe(401);
    for (let i = 0; i < 3; i++) expect((await runs(WRONG)).status).toBe(401);
    const refused = await runs(WRONG);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const text = await refused.text();
    expect(hasNoInternals(text)).toBe(true);
    const body = JSON.parse(text);
    expect(Object.keys(body).sort()).toEqual(['error', 'request_id']);
    expect(body.error.code).toBe('HTTP_RATE_LIMITED');
    expect(body.error.message).toContain('rateLimit.failedAuthPerMinute');
    // Guessing right while blocked tells nothing.
    expect((await runs(keys.reader ?? '')).status).toBe(429);
    const mlflow = await fetch(`${running.url}/api/2.0/mlflow/experiments/list`, {
      headers: { authorization: `Bearer ${keys.reader}` },
    });
    expect(mlflow.status).toBe(429);
    expect(await mlflow.json()).toMatchObject({ error_code: 'REQUEST_LIMIT_EXCEEDED' });
    // Health checks need no key and stay open.
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
  });

  it('counts each address apart', async () => {
    const fromElsewhere = await running.server.app.inject({
      method: 'GET',
      url: '/api/v1/runs',
      remoteAddress: '10.1.2.3',
      headers: { authorization: `Bearer ${keys.reader}` },
    });
    expect(fromElsewhere.statusCode).toBe(200);
    for (let i = 0; i < 3; i++) {
      const wrong = await running.server.app.inject({
        method: 'GET',
        url: '/api/v1/runs',
        remoteAddress: '10.9.9.9',
        headers: { authorization: `Bearer ${WRONG}` },
      });
      expect(wrong.statusCode).toBe(401);
    }
    const blocked = await running.server.app.inject({
      method: 'GET',
      url: '/api/v1/runs',
      remoteAddress: '10.9.9.9',
      headers: { authorization: `Bearer ${keys.reader}` },
    });
    expect(blocked.statusCode).toBe(429);
    const stillFine = await running.server.app.inject({
      method: 'GET',
      url: '/api/v1/runs',
      remoteAddress: '10.1.2.3',
      headers: { authorization: `Bearer ${keys.reader}` },
    });
    expect(stillFine.statusCode).toBe(200);
  });
});
