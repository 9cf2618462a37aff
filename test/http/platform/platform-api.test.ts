import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformApi } from '../../../src/http/platform/index.js';
import { openTestPlatform, seedRuns, type TestPlatform } from '../../services/platform-test-kit.js';

const NAME = 'consumers-laundering-model';
let t: TestPlatform;
let app: FastifyInstance;
let seeded: Awaited<ReturnType<typeof seedRuns>>;

beforeAll(async () => {
  t = await openTestPlatform();
  seeded = await seedRuns(t);
  await t.registerVersion(NAME, seeded.runA);
  await t.registerVersion(NAME, seeded.runB);
  app = Fastify();
  await app.register(platformApi, { stores: t });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const get = (url: string) => app.inject({ method: 'GET', url });
const post = (url: string, payload: unknown) =>
  app.inject({ method: 'POST', url, payload: payload as object });

describe('GET /api/v1/experiments and /runs', () => {
  it('lists experiments', async () => {
    const res = await get('/api/v1/experiments');
    expect(res.statusCode).toBe(200);
    expect(res.json().experiments.map((e: { name: string }) => e.name)).toContain(NAME);
  });

  it('lists the runs of an experiment, filtered and ordered', async () => {
    const filter = encodeURIComponent('metrics.test_roc_auc > 0.8');
    const res = await get(
      `/api/v1/runs?experiment=${NAME}&filter=${filter}&order_by=${encodeURIComponent('metrics.test_roc_auc ASC')}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().runs.map((r: { runName: string }) => r.runName)).toEqual(['shallow', 'deeper']);
  });

  it('shows a run and compares runs', async () => {
    const run = await get(`/api/v1/runs/${seeded.runA}`);
    expect(run.json()).toMatchObject({
      run: { params: { max_depth: '3' }, metrics: { test_roc_auc: 0.9 } },
      experimentName: NAME,
    });
    const compared = await get(`/api/v1/runs/compare?ids=${seeded.runA},${seeded.runB}`);
    expect(compared.statusCode).toBe(200);
    expect(compared.json().metrics).toContainEqual({
      key: 'test_roc_auc',
      values: [0.9, 0.93],
      differs: true,
    });
  });

  it('serves a JSON artifact of a run', async () => {
    const res = await get(`/api/v1/runs/${seeded.runA}/artifacts/evaluation.json`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.json()).toEqual({ test: { roc_auc: 0.9 } });
  });

  it('refuses traversal, other files and unknown runs in the error shape', async () => {
    // Dot segments are resolved in the URL before routing: the request leaves the artifact route.
    const dots = await get(`/api/v1/runs/${seeded.runA}/artifacts/%2e%2e/%2e%2e/x.json`);
    expect(dots.statusCode).toBe(404);
    for (const path of [
      '..%2f..%2f..%2famlops.db.json',
      '%252e%252e%252fx.json',
      'a/..%5c..%5cx.json',
      '%2fetc%2fpasswd.json',
    ]) {
      const res = await get(`/api/v1/runs/${seeded.runA}/artifacts/${path}`);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
      expect(res.json().error.code, path).toMatch(/ARTIFACT_PATH_INVALID|USAGE/);
    }
    const html = await get(`/api/v1/runs/${seeded.runA}/artifacts/report.html`);
    expect(html.statusCode).toBe(400);
    const missing = await get(`/api/v1/runs/${'c'.repeat(32)}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' }, request_id: expect.any(String) });
    const bad = await get(`/api/v1/runs?filter=${encodeURIComponent("params.a = 'x'; DROP TABLE runs")}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('USAGE');
    expect((await get('/api/v1/nothing')).json().error.code).toBe('HTTP_ROUTE_NOT_FOUND');
  });
});

describe('models: list, show, promote and rollback', () => {
  it('promotes with who and why, and rolls back, recorded on the versions', async () => {
    const first = await post(`/api/v1/models/${NAME}/promote`, {
      version: '1',
      reason: 'first',
      by: 'alice',
    });
    expect(first.statusCode, first.body).toBe(200);
    const second = await post(`/api/v1/models/${NAME}/promote`, { version: 2, reason: 'better AUC' });
    expect(second.json()).toMatchObject({
      previous: '1',
      changed: true,
      version: { aliases: ['production'] },
    });
    const tags = Object.fromEntries(
      second.json().version.tags.map((tag: { key: string; value: string }) => [tag.key, tag.value]),
    );
    expect(tags['amlops.promoted_by']).toMatch(/^api:/);
    const rollback = await post(`/api/v1/models/${NAME}/rollback`, { reason: 'drift', by: 'bob' });
    expect(rollback.json()).toMatchObject({ rolledBack: '2', version: { version: '1' } });
    const model = await get(`/api/v1/models/${NAME}`);
    expect(model.json()).toMatchObject({ productionVersion: '1' });
    expect(model.json().versions[1]).toMatchObject({
      version: '1',
      stage: 'Production',
      promotion: { by: 'bob', kind: 'rollback' },
      metrics: { test_roc_auc: 0.9 },
    });
    const models = await get('/api/v1/models');
    expect(models.json().models).toEqual([
      expect.objectContaining({ name: NAME, latestVersion: '2', productionVersion: '1' }),
    ]);
  });

  it('points an alias with who, when and why, and refuses production and versions that do not exist', async () => {
    const set = await post(`/api/v1/models/${NAME}/aliases`, {
      alias: 'shadow',
      version: 2,
      reason: 'compare on live traffic',
      by: 'carol',
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().version.aliases).toContain('shadow');
    expect(set.json().version.tags).toEqual(
      expect.arrayContaining([
        { key: 'amlops.alias.shadow.set_by', value: 'carol' },
        { key: 'amlops.alias.shadow.reason', value: 'compare on live traffic' },
      ]),
    );
    expect(set.json().version.description).toContain('alias shadow set by carol: compare on live traffic');
    for (const [body, status] of [
      [{ alias: 'production', version: '2', reason: 'x' }, 400],
      [{ alias: 'shadow', version: '9', reason: 'x' }, 404],
      [{ alias: 'shadow', version: '2' }, 400],
      [{ version: '2', reason: 'x' }, 400],
    ] as const) {
      const refused = await post(`/api/v1/models/${NAME}/aliases`, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(status);
    }
  });

  it('refuses a promotion without a reason, a non-JSON body, and unknown models', async () => {
    const noReason = await post(`/api/v1/models/${NAME}/promote`, { version: '2' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe('USAGE');
    const text = await app.inject({
      method: 'POST',
      url: `/api/v1/models/${NAME}/rollback`,
      headers: { 'content-type': 'text/plain' },
      payload: 'reason=drift',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('HTTP_UNSUPPORTED_MEDIA_TYPE');
    const broken = await app.inject({
      method: 'POST',
      url: `/api/v1/models/${NAME}/rollback`,
      headers: { 'content-type': 'application/json' },
      payload: '{"reason":',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('HTTP_INVALID_JSON');
    expect((await get('/api/v1/models/nope')).statusCode).toBe(404);
    const rollbackNone = await post('/api/v1/models/nope/rollback', { reason: 'x' });
    expect(rollbackNone.statusCode).toBe(404);
  });
});

describe('promoting a version the gate failed', () => {
  it('answers 409 PROMOTION_BELOW_GATE, and promotes with "force": true recorded as an override', async () => {
    const gated = 'gated-api-model';
    await t.registerVersion(gated);
    await t.registry.setModelVersionTag(gated, '1', { key: 'amlops.gate', value: 'failed' });
    await t.registry.setModelVersionTag(gated, '1', { key: 'amlops.gate_reason', value: 'too weak' });
    const refused = await post(`/api/v1/models/${gated}/promote`, { version: '1', reason: 'hand check' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'PROMOTION_BELOW_GATE' });
    const badForce = await post(`/api/v1/models/${gated}/promote`, {
      version: '1',
      reason: 'x',
      force: 'yes',
    });
    expect(badForce.statusCode).toBe(400);
    expect(badForce.json().error.message).toBe("field 'force' must be true or false");
    const forced = await post(`/api/v1/models/${gated}/promote`, {
      version: '1',
      reason: 'hand check',
      force: true,
    });
    expect(forced.statusCode, forced.body).toBe(200);
    expect(forced.json()).toMatchObject({ changed: true, override: 'too weak' });
  });
});

describe('predictions', () => {
  it('says so when the server keeps no audit log', async () => {
    const res = await get('/api/v1/predictions/performance');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/no audit log/);
  });
});
