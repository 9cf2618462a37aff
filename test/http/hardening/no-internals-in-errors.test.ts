import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installMlflowErrorBoundary } from '../../../src/http/mlflow/mlflow-error-boundary.js';
import type { ServerApp } from '../../../src/http/server-app.js';
import { hardeningHome, hasNoInternals, injectableServer } from './hardening-kit.js';

const { env, remove } = hardeningHome();
let server: ServerApp;
const bug = () => {
  const error = new TypeError("cannot read properties of undefined (reading 'x')");
  error.stack = `TypeError: ${error.message}\n    at score (/srv/amlops/src/services/scoring-service.ts:42:7)`;
  throw error;
};

beforeAll(async () => {
  server = await injectableServer(env);
  // A bug in a route of each surface (undeclared routes need admin; auth is off here).
  server.app.get('/test-bug', async () => bug());
  await server.app.register(async (api) => {
    installMlflowErrorBoundary(api);
    api.get('/api/2.0/mlflow/test-bug', async () => bug());
  });
});
afterAll(async () => {
  await server?.app.close();
  await server?.close();
  remove();
});

describe('error bodies', () => {
  it('never carry a stack trace, a file path or the message of a bug', async () => {
    const ours = await server.app.inject({ method: 'GET', url: '/test-bug' });
    expect(ours.statusCode).toBe(500);
    expect(hasNoInternals(ours.body)).toBe(true);
    expect(ours.body).not.toContain('cannot read');
    expect(ours.json()).toEqual({
      error: { code: 'INTERNAL', message: 'internal error' },
      request_id: ours.headers['x-request-id'],
    });
    const mlflow = await server.app.inject({ method: 'GET', url: '/api/2.0/mlflow/test-bug' });
    expect(mlflow.statusCode).toBe(500);
    expect(mlflow.json()).toEqual({ error_code: 'INTERNAL_ERROR', message: 'Internal error' });
  });

  it('of requests that cannot be read carry no internals either', async () => {
    const answers = [
      await server.app.inject({
        method: 'POST',
        url: '/predict',
        payload: '{"risk_pld": [',
        headers: { 'content-type': 'application/json' },
      }),
      await server.app.inject({
        method: 'POST',
        url: '/api/2.0/mlflow/runs/create',
        payload: '{"experiment_id": ',
        headers: { 'content-type': 'application/json' },
      }),
      await server.app.inject({
        method: 'POST',
        url: '/predict',
        payload: 'x',
        headers: { 'content-type': 'image/png' },
      }),
    ];
    for (const answer of answers) {
      expect(answer.statusCode, answer.body).toBeGreaterThanOrEqual(400);
      expect(answer.statusCode, answer.body).toBeLessThan(500);
      expect(hasNoInternals(answer.body), answer.body).toBe(true);
    }
  });
});
