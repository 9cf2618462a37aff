import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_BODY_LIMIT, LOG_BATCH_BODY_LIMIT, routeBodyLimit } from '../../../src/http/hardening/index.js';
import type { ServerApp } from '../../../src/http/server-app.js';
import { hardeningHome, hasNoInternals, injectableServer } from './hardening-kit.js';

const { env, remove } = hardeningHome({ AMLOPS_SCORING_BODY_LIMIT_BYTES: '4096' });
let server: ServerApp;
beforeAll(async () => {
  server = await injectableServer(env);
});
afterAll(async () => {
  await server?.app.close();
  await server?.close();
  remove();
});

/** A JSON object of about `bytes` bytes. */
const jsonOf = (bytes: number) => JSON.stringify({ padding: 'x'.repeat(bytes) });
const post = (url: string, payload: string) =>
  server.app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/json' } });

describe('body limits per route', () => {
  it('are declared in one table: scoring from its setting, MLflow log-batch 4 MB, the rest 1 MB', () => {
    expect(routeBodyLimit('POST', '/predict', 4096)).toBe(4096);
    expect(routeBodyLimit('POST', '/v2/models/:name/infer', 4096)).toBe(4096);
    expect(routeBodyLimit('POST', '/api/2.0/mlflow/runs/log-batch', 4096)).toBe(LOG_BATCH_BODY_LIMIT);
    expect(routeBodyLimit('POST', '/feedback', 4096)).toBe(JSON_BODY_LIMIT);
    expect(routeBodyLimit('POST', '/api/v1/models/:name/promote', 4096)).toBe(JSON_BODY_LIMIT);
  });

  it('answer 413 HTTP_BODY_TOO_LARGE in the error shape of each API', async () => {
    for (const [url, size] of [
      ['/predict', 5000],
      ['/invocations', 5000],
      ['/feedback', JSON_BODY_LIMIT + 1000],
      ['/api/v1/models/m/promote', JSON_BODY_LIMIT + 1000],
    ] as const) {
      const answer = await post(url, jsonOf(size));
      expect(answer.statusCode, url).toBe(413);
      expect(hasNoInternals(answer.body), url).toBe(true);
      expect(answer.json().error.code, url).toBe('HTTP_BODY_TOO_LARGE');
      // Security headers on every answer but scoring's (security-headers.test.ts).
      if (url === '/feedback' || url.startsWith('/api/'))
        expect(answer.headers['x-content-type-options'], url).toBe('nosniff');
    }
    const mlflow = await post('/api/2.0/mlflow/runs/create', jsonOf(JSON_BODY_LIMIT + 1000));
    expect(mlflow.statusCode).toBe(413);
    expect(mlflow.json()).toMatchObject({ error_code: 'BAD_REQUEST' });
  });

  it('let through what is under each limit', async () => {
    expect((await post('/predict', jsonOf(3000))).statusCode).not.toBe(413);
    expect((await post('/api/2.0/mlflow/runs/log-batch', jsonOf(2 * JSON_BODY_LIMIT))).statusCode).not.toBe(
      413,
    );
    expect((await post('/api/v1/models/m/promote', jsonOf(JSON_BODY_LIMIT - 1000))).statusCode).not.toBe(413);
  });
});
