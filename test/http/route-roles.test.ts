import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SqlApiKeyStore } from '../../src/adapters/sql/api-key-sql-store.js';
import { openSqlDatabase } from '../../src/adapters/sql/open-sql-database.js';
import { resolveConfig } from '../../src/config/index.js';
import { ROLES, type Role, roleGrants } from '../../src/core/auth/index.js';
import { UNAUTHORIZED_MESSAGE } from '../../src/http/auth/install-auth.js';
import { openServerApp, type ServerApp } from '../../src/http/server-app.js';
import { type RunningServer, startScoringProcess } from '../../src/main/server.js';
import { ApiKeyVerifier, createApiKey } from '../../src/services/api-keys.js';

type MLflowClass = typeof import('mlflow')['default'];
const MLflow = createRequire(import.meta.url)('mlflow') as MLflowClass;

const home = mkdtempSync(join(tmpdir(), 'amlops-route-roles-'));
const env = {
  AMLOPS_HOME: home,
  AMLOPS_LOG_LEVEL: 'silent',
  AMLOPS_AUTH_MODE: 'keys',
  // The walk makes hundreds of failed authentications from one address: test/http/hardening tests the limit.
  AMLOPS_RATE_LIMIT_FAILED_AUTH_PER_MINUTE: '0',
};
const keys: Partial<Record<Role | 'revoked' | 'expired', string>> = {};
let server: ServerApp;

beforeAll(async () => {
  const database = await openSqlDatabase(`sqlite:${join(home, 'amlops.db')}`);
  const store = await SqlApiKeyStore.open(database);
  await database.close();
  const now = Date.now();
  for (const role of ROLES)
    keys[role] = (await createApiKey(store, { name: `${role}-key`, role, by: 'test', now })).key;
  keys.revoked = (await createApiKey(store, { name: 'gone', role: 'admin', by: 'test', now })).key;
  await store.revoke('gone', now, 'test');
  keys.expired = (
    await createApiKey(store, { name: 'old', role: 'admin', by: 'test', now, expiresAt: now + 30 })
  ).key;
  await store.close();
  await new Promise((resolve) => setTimeout(resolve, 60));
  server = await openServerApp(resolveConfig({ env }).config, { cwd: home, version: 'test' });
});
afterAll(async () => {
  await server?.app.close();
  await server?.close();
  rmSync(home, { recursive: true, force: true });
});

/** A request to a route with its parameters filled in, with a key or none. */
async function call(method: string, url: string, key?: string) {
  const path = url.replace(/:[a-z]+/g, 'x').replace('*', 'x');
  return server.app.inject({
    method: method as 'GET',
    url: path,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(method === 'GET' || method === 'HEAD' ? {} : { 'content-type': 'application/json' }),
    },
    ...(method === 'GET' || method === 'HEAD' ? {} : { payload: '{}' }),
  });
}

describe('roles on every route', () => {
  it('declares in the role table every route the server registers', () => {
    expect(server.routeAccess.length).toBeGreaterThan(100);
    expect(server.routeAccess.filter((r) => !r.declared).map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it('walks every route: no key 401, a key of each role 403 unless its role grants the route, revoked and expired keys 401', async () => {
    const seen: string[] = [];
    for (const route of server.routeAccess) {
      const name = `${route.method} ${route.url}`;
      const anonymous = await call(route.method, route.url);
      if (route.access === 'public') {
        expect(anonymous.statusCode, name).not.toBe(401);
        expect(anonymous.statusCode, name).not.toBe(403);
        continue;
      }
      expect(anonymous.statusCode, name).toBe(401);
      expect(anonymous.headers['www-authenticate'], name).toBe('Bearer realm="amlops"');
      for (const role of ROLES) {
        const answer = await call(route.method, route.url, keys[role]);
        if (roleGrants(role, route.access)) {
          expect([401, 403], `${name} with a ${role} key`).not.toContain(answer.statusCode);
          // No 5xx, but for scoring with no model in production yet (503, as designed).
          if (!answer.body.includes('SCORING_MODEL_NOT_READY'))
            expect(answer.statusCode, `${name} with a ${role} key: ${answer.body}`).toBeLessThan(500);
        } else expect(answer.statusCode, `${name} with a ${role} key`).toBe(403);
      }
      expect((await call(route.method, route.url, keys.revoked)).statusCode, `${name} revoked`).toBe(401);
      expect((await call(route.method, route.url, keys.expired)).statusCode, `${name} expired`).toBe(401);
      seen.push(name);
    }
    expect(seen).toContain('POST /predict');
    expect(seen).toContain('POST /api/2.0/mlflow/runs/create');
  });

  it('tells a refused caller nothing of what was wrong, in the error shape of each API, and counts it in /metrics', async () => {
    const body = (answer: { body: string }) => JSON.parse(answer.body);
    const refusal = { code: 'HTTP_UNAUTHORIZED', message: UNAUTHORIZED_MESSAGE };
    const wrongShape = await server.app.inject({
      method: 'GET',
      url: '/api/v1/runs',
      headers: { authorization: 'Bearer not-a-key' },
    });
    const malformed = await server.app.inject({
      method: 'GET',
      url: '/api/v1/runs',
      headers: { authorization: 'Basic YWxpY2U6cHc=' },
    });
    for (const answer of [
      await call('GET', '/api/v1/runs'),
      wrongShape,
      malformed,
      await call('GET', '/api/v1/runs', keys.revoked),
      await call('GET', '/api/v1/runs', keys.expired),
      await call('GET', '/api/v1/runs', `${keys.admin!.slice(0, -4)}AAAA`),
    ])
      expect([answer.statusCode, body(answer).error]).toEqual([401, refusal]);
    expect(body(await call('POST', '/predict', keys.read)).error).toMatchObject({
      code: 'HTTP_FORBIDDEN',
      message:
        "this route needs a key of role score (or one that grants it); the key 'read-key' has role read",
    });
    // MLflow's clients read MLflow's error shape.
    expect(body(await call('POST', '/api/2.0/mlflow/runs/create', keys.score))).toMatchObject({
      error_code: 'PERMISSION_DENIED',
    });
    expect(body(await call('GET', '/api/2.0/mlflow/experiments/list'))).toEqual({
      error_code: 'UNAUTHENTICATED',
      message: UNAUTHORIZED_MESSAGE,
    });
    const metrics = await call('GET', '/metrics', keys.read);
    expect(metrics.body).toMatch(/^amlops_errors_total\{code="HTTP_UNAUTHORIZED"\} \d+$/m);
  });

  it('keeps the reason of each refusal for the operator (the verifier says it; the server logs it)', async () => {
    const database = await openSqlDatabase(`sqlite:${join(home, 'amlops.db')}`);
    const store = await SqlApiKeyStore.open(database);
    await database.close();
    const verifier = new ApiKeyVerifier(store, Date.now);
    const reason = async (header: string | undefined) => {
      try {
        await verifier.verify(header);
        return 'admitted';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(await reason(undefined)).toBe(
      'this route needs an API key: send it as Authorization: Bearer <key>',
    );
    expect(await reason('Bearer not-a-key')).toBe(
      'the key is not of the shape amlops_<16 hex digits>_<43 characters>',
    );
    expect(await reason(`Bearer ${keys.revoked}`)).toMatch(/^the key 'gone' was revoked on \d{4}-/);
    expect(await reason(`Bearer ${keys.expired}`)).toMatch(/^the key 'old' expired on \d{4}-/);
    expect(await reason(`Bearer ${keys.admin}`)).toBe('admitted');
    await store.close();
  });
});

describe('amlops serve with auth.mode=keys', () => {
  let running: RunningServer;
  beforeAll(async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {}); // the mlflow client logs every body it sends
    running = await startScoringProcess(resolveConfig({ env: { ...env, AMLOPS_PORT: '0' } }).config, {
      cwd: home,
      version: 'test',
    });
  });
  afterAll(async () => {
    await running?.shutdown();
    vi.restoreAllMocks();
  });

  it('refuses anonymous writes with 401 and a score key’s with 403; the MLflow client works with a write key', async () => {
    const post = (key?: string) =>
      fetch(`${running.url}/api/2.0/mlflow/experiments/create`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ name: 'by-hand' }),
      });
    expect((await post()).status).toBe(401);
    expect((await post(keys.score)).status).toBe(403);
    const client = new MLflow({ endpoint: running.url, headers: { Authorization: `Bearer ${keys.write}` } });
    const { experiment_id } = await client.Experiments.create({ name: 'with-a-key', artifact_location: '' });
    const { run } = await client.Runs.create({ experiment_id, user_id: 'ci', start_time: 1764255600000 });
    await client.Runs.logMetric({ run_id: run.info.run_id, key: 'auc', value: 0.9, timestamp: 1, step: 0 });
    const { metrics } = await client.Metrics.getHistory({ run_id: run.info.run_id, metric_key: 'auc' });
    expect(metrics.map((m: { value: number }) => m.value)).toEqual([0.9]);
    // The key, not the body, names the run's user.
    expect((await client.Runs.get({ run_id: run.info.run_id })).run.info.user_id).toBe('write-key');
    const anonymous = new MLflow({ endpoint: running.url });
    await expect(anonymous.Experiments.list()).rejects.toThrow();
  });
});
