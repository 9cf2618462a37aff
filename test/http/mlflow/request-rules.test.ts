import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mlflowApi } from '../../../src/http/mlflow/index.js';
import type { TrackingStore } from '../../../src/ports/tracking-store.js';
import { type MlflowTestApp, makeMlflowTestApp } from './mlflow-test-app.js';

let t: MlflowTestApp;
beforeAll(async () => {
  t = await makeMlflowTestApp();
});
afterAll(() => t.close());

describe('request rules of the MLflow surface', () => {
  it('refuses POST bodies that are not application/json with 415, before reading them', async () => {
    const cases: [string | undefined, string][] = [
      ['text/plain', '{"name": "x"}'],
      ['application/x-www-form-urlencoded', 'name=x'],
      ['multipart/form-data; boundary=abc', '--abc--'],
      ['text/html<script>', '{"name": "x"}'],
      [undefined, '{"name": "x"}'],
    ];
    for (const [type, payload] of cases) {
      const res = await t.inject({
        method: 'POST',
        url: '/api/2.0/mlflow/experiments/create',
        payload,
        headers: type ? { 'content-type': type } : {},
      });
      expect(res.statusCode, String(type)).toBe(415);
      expect(res.json().error_code).toBe('INVALID_PARAMETER_VALUE');
      expect(res.json().message).toContain('Content-Type must be one of [application/json]');
      expect(res.body).not.toContain('<script>');
    }
    expect((await t.get('experiments/get-by-name', { experiment_name: 'x' })).statusCode).toBe(404);
    const charset = await t.inject({
      method: 'POST',
      url: '/api/2.0/mlflow/experiments/create',
      payload: '{"name": "with-charset"}',
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(charset.statusCode).toBe(200);
  });

  it('refuses a PATCH or DELETE body of another type, and accepts query parameters without a body', async () => {
    await t.post('registered-models/create', { name: 'typed' });
    const patch = await t.inject({
      method: 'PATCH',
      url: '/api/2.0/mlflow/registered-models/update',
      payload: 'name=typed',
      headers: { 'content-type': 'text/plain' },
    });
    expect(patch.statusCode).toBe(415);
    const del = await t.inject({
      method: 'DELETE',
      url: '/api/2.0/mlflow/registered-models/delete?name=typed',
    });
    expect(del.statusCode, del.body).toBe(200);
  });

  it('answers malformed JSON and non-object bodies with 400', async () => {
    for (const payload of ['{"name": ', '[1, 2]', '42']) {
      const res = await t.inject({
        method: 'POST',
        url: '/api/2.0/mlflow/experiments/create',
        payload,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode, payload).toBe(400);
      expect(['BAD_REQUEST', 'INVALID_PARAMETER_VALUE']).toContain(res.json().error_code);
    }
    const wrongType = await t.post('experiments/create', { name: { nested: true } });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().message).toContain("parameter 'name'");
  });

  it('reads an empty JSON body as {} and refuses prototype poisoning', async () => {
    const empty = await t.inject({
      method: 'POST',
      url: '/api/2.0/mlflow/experiments/search',
      payload: '',
      headers: { 'content-type': 'application/json' },
    });
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json().experiments.length).toBeGreaterThan(0);
    const poisoned = await t.inject({
      method: 'POST',
      url: '/api/2.0/mlflow/experiments/create',
      payload: '{"name": "p", "__proto__": {"admin": true}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(poisoned.statusCode).toBe(400);
    expect(poisoned.json().error_code).toBe('BAD_REQUEST');
  });

  it('accepts a double-encoded JSON body, as MLflow does for older clients', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/2.0/mlflow/experiments/create',
      payload: JSON.stringify(JSON.stringify({ name: 'double-encoded' })),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('reads repeated and bracketed query keys as lists', async () => {
    await t.post('registered-models/create', { name: 'listy' });
    for (const url of [
      '/api/2.0/mlflow/registered-models/get-latest-versions?name=listy&stages=Production&stages=Staging',
      '/api/2.0/mlflow/registered-models/get-latest-versions?name=listy&stages%5B%5D=Production',
      '/api/2.0/mlflow/registered-models/get-latest-versions?name=listy&stages=Nope',
    ]) {
      const res = await t.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(url.endsWith('Nope') ? 400 : 200);
    }
    const proto = await t.inject({
      method: 'GET',
      url: '/api/2.0/mlflow/experiments/search?__proto__%5B%5D=x&constructor=y&filter=name%20%3D%20%27Default%27',
    });
    expect(proto.statusCode, proto.body).toBe(200);
    expect(proto.json().experiments.map((e: { name: string }) => e.name)).toEqual(['Default']);
    const twice = await t.inject({
      method: 'GET',
      url: '/api/2.0/mlflow/experiments/get?experiment_id=0&experiment_id=1',
    });
    expect(twice.statusCode).toBe(400);
  });

  it('serves the same API under /ajax-api/2.0/mlflow, as the MLflow UI calls it', async () => {
    const res = await t.inject({
      method: 'GET',
      url: '/ajax-api/2.0/mlflow/experiments/get?experiment_id=0',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().experiment.name).toBe('Default');
  });

  it('answers unknown endpoints with 404 ENDPOINT_NOT_FOUND, and leaves other routes to their own boundary', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/2.0/mlflow/experiments/teleport' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error_code: 'ENDPOINT_NOT_FOUND',
      message: 'no endpoint GET /api/2.0/mlflow/experiments/teleport',
    });
    const ajax = await t.inject({ method: 'POST', url: '/ajax-api/2.0/mlflow/nothing', payload: {} });
    expect(ajax.json().error_code).toBe('ENDPOINT_NOT_FOUND');
    const outside = await t.inject({ method: 'GET', url: '/elsewhere' });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.code).toBe('HTTP_ROUTE_NOT_FOUND');
  });

  it('answers a bug with 500 INTERNAL_ERROR and no internals', async () => {
    const broken = new Proxy({} as TrackingStore, {
      get: () => async () => {
        throw new Error('secret connection string postgres://user:pw@db');
      },
    });
    const app = Fastify({ logger: false });
    await app.register(mlflowApi, { tracking: broken, registry: t.stores.registry, artifacts: t.artifacts });
    const res = await app.inject({ method: 'GET', url: '/api/2.0/mlflow/experiments/get?experiment_id=0' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error_code: 'INTERNAL_ERROR', message: 'Internal error' });
    expect(res.body).not.toContain('secret');
    await app.close();
  });
});
