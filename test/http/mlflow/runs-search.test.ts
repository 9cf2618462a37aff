import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MlflowTestApp, makeMlflowTestApp } from './mlflow-test-app.js';

let t: MlflowTestApp;
let experimentId: string;
const runIds: Record<string, string> = {};

beforeAll(async () => {
  t = await makeMlflowTestApp();
  experimentId = (await t.post('experiments/create', { name: 'search' })).json().experiment_id;
  const runs: [string, number, string, string][] = [
    ['alpha', 0.95, 'xgboost', 'risk'],
    ['beta', 0.85, 'gbdt', 'risk'],
    ['gamma', 0.75, 'gbdt', 'ops'],
    ['delta', 0.65, 'xgboost', 'ops'],
  ];
  for (const [i, [name, auc, engine, team]] of runs.entries()) {
    const run = (
      await t.post('runs/create', { experiment_id: experimentId, run_name: name, start_time: 1000 + i })
    ).json().run.info.run_id;
    runIds[name] = run;
    await t.post('runs/log-batch', {
      run_id: run,
      metrics: [{ key: 'auc', value: auc, timestamp: 1, step: 0 }],
      params: [{ key: 'engine', value: engine }],
      tags: [{ key: 'team', value: team }],
    });
  }
  await t.post('runs/update', { run_id: runIds.delta, status: 'FAILED' });
  await t.post('runs/delete', { run_id: runIds.gamma });
});
afterAll(() => t.close());

async function search(body: Record<string, unknown>) {
  const res = await t.post('runs/search', { experiment_ids: [experimentId], ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { runs?: { info: { run_name: string } }[]; next_page_token?: string };
}

function names(answer: { runs?: { info: { run_name: string } }[] }): string[] {
  return (answer.runs ?? []).map((run) => run.info.run_name);
}

describe('runs/search', () => {
  it('filters on metrics, params, tags and attributes, joined by AND', async () => {
    expect(names(await search({ filter: 'metrics.auc > 0.8', order_by: ['metrics.auc DESC'] }))).toEqual([
      'alpha',
      'beta',
    ]);
    expect(names(await search({ filter: "params.engine = 'xgboost'", order_by: ['run_name'] }))).toEqual([
      'alpha',
      'delta',
    ]);
    expect(names(await search({ filter: "tags.team = 'risk' and metrics.auc < 0.9" }))).toEqual(['beta']);
    expect(names(await search({ filter: "attributes.status = 'FAILED'" }))).toEqual(['delta']);
    expect(names(await search({ filter: "attributes.run_name LIKE 'al%'" }))).toEqual(['alpha']);
    expect(
      names(
        await search({
          filter: `attributes.run_id IN ('${runIds.alpha}', '${runIds.beta}')`,
          order_by: ['attributes.run_name DESC'],
        }),
      ),
    ).toEqual(['beta', 'alpha']);
    expect(await search({ filter: "tags.team = 'nobody'" })).toEqual({});
  });

  it('orders by start time descending by default, and honours run_view_type', async () => {
    expect(names(await search({}))).toEqual(['delta', 'beta', 'alpha']);
    expect(names(await search({ run_view_type: 'DELETED_ONLY' }))).toEqual(['gamma']);
    expect(names(await search({ run_view_type: 'ALL', order_by: ['attributes.start_time ASC'] }))).toEqual([
      'alpha',
      'beta',
      'gamma',
      'delta',
    ]);
  });

  it('pages with max_results and page_token until the last page', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await search({
        run_view_type: 'ALL',
        order_by: ['metrics.auc DESC'],
        max_results: 3,
        ...(token ? { page_token: token } : {}),
      });
      seen.push(...names(page));
      token = page.next_page_token;
      pages += 1;
    } while (token);
    expect(pages).toBe(2);
    expect(seen).toEqual(['alpha', 'beta', 'gamma', 'delta']);
  });

  it('refuses what the grammar does not know, never reaching SQL', async () => {
    const attempts = [
      'metrics.auc > 0.8 OR 1=1',
      "params.engine = 'x' --",
      "params.engine = 'x'; DROP TABLE runs",
      "params.engine = 'x' UNION SELECT * FROM runs",
      'metrics.auc > (SELECT 1)',
      "metrics.auc = 'high'",
      "attributes.password = 'x'",
      'run_uuid = 1',
      "params.engine = 'unterminated",
      "foo.bar = 'x'",
    ];
    for (const filter of attempts) {
      const res = await t.post('runs/search', { experiment_ids: [experimentId], filter });
      expect(res.statusCode, filter).toBe(400);
      expect(res.json().error_code, filter).toBe('INVALID_PARAMETER_VALUE');
    }
    for (const order_by of [['metrics.auc; DROP TABLE runs'], ['metrics.auc SIDEWAYS'], ['password']]) {
      const res = await t.post('runs/search', { experiment_ids: [experimentId], order_by });
      expect(res.statusCode, order_by[0]).toBe(400);
    }
    // A quoted key is data: bound as a parameter, it matches no run instead of widening the search.
    expect(await search({ filter: "params.`engine') OR ('1'='1` = 'x'" })).toEqual({});
    expect(await search({ filter: "params.engine = 'x'' OR ''1''=''1'" })).toEqual({});
    // The runs are all still there.
    expect(names(await search({ run_view_type: 'ALL' }))).toHaveLength(4);
  });

  it('refuses max_results over 50000 and a forged page token', async () => {
    const big = await t.post('runs/search', { experiment_ids: [experimentId], max_results: 50001 });
    expect(big.statusCode).toBe(400);
    const forged = await t.post('runs/search', {
      experiment_ids: [experimentId],
      page_token: 'eyJvZmZzZXQiOi0xfQ==',
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error_code).toBe('INVALID_PARAMETER_VALUE');
  });
});
