import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerApp } from '../../../src/http/server-app.js';
import { hardeningHome, injectableServer } from './hardening-kit.js';

const { env, remove } = hardeningHome();
let server: ServerApp;
beforeAll(async () => {
  server = await injectableServer(env);
});
afterAll(async () => {
  await server?.app.close();
  await server?.close();
  remove();
});

describe('security headers (helmet)', () => {
  it('are on every answer but scoring: health, APIs, errors and unknown paths', async () => {
    const answers = [
      await server.app.inject({ method: 'GET', url: '/healthz' }),
      await server.app.inject({ method: 'GET', url: '/api/v1/runs' }),
      await server.app.inject({ method: 'GET', url: '/api/2.0/mlflow/experiments/list' }),
      await server.app.inject({ method: 'GET', url: '/api/v1/quality/reports/none/html' }),
      await server.app.inject({ method: 'GET', url: '/no-such-path' }),
    ];
    for (const answer of answers) {
      const where = `${answer.statusCode} ${answer.body.slice(0, 60)}`;
      expect(answer.headers['x-content-type-options'], where).toBe('nosniff');
      expect(answer.headers['x-frame-options'], where).toBe('DENY');
      expect(answer.headers['referrer-policy'], where).toBe('no-referrer');
      expect(answer.headers['cross-origin-opener-policy'], where).toBe('same-origin');
      const csp = String(answer.headers['content-security-policy']);
      expect(csp, where).toContain("default-src 'self'");
      expect(csp, where).toContain("frame-ancestors 'none'");
      expect(csp, where).toContain("script-src 'self'");
      expect(csp, where).toContain("object-src 'none'");
      expect(csp, where).not.toContain('unsafe-inline');
      expect(csp, where).not.toContain('upgrade-insecure-requests');
      // HSTS only when the server itself answers HTTPS (https.test.ts).
      expect(answer.headers['strict-transport-security'], where).toBeUndefined();
    }
  });

  it('are not on scoring answers: JSON for programs, where they would only cost throughput', async () => {
    const scored = await server.app.inject({
      method: 'POST',
      url: '/predict',
      payload: { risk_pld: ['HIGH'] },
    });
    expect(scored.headers['content-security-policy']).toBeUndefined();
    expect(scored.headers['x-frame-options']).toBeUndefined();
    expect(scored.headers['x-request-id']).toBeDefined();
  });
});
