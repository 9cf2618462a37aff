import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../../src/adapters/data/read-table.js';
import { writeTable } from '../../src/adapters/data/write-table.js';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { rocAuc } from '../../src/core/evaluate/roc-auc.js';
import { parsePredictBody } from '../../src/core/scoring/parse-predict-body.js';
import { validateScoringInput } from '../../src/core/scoring/validate-scoring-input.js';
import { generateCases } from '../../src/core/synthetic/generate-cases.js';
import { COMMANDS } from '../../src/main/commands.js';
import { startScoringProcess } from '../../src/main/server.js';
import {
  MODEL,
  type ScoringServerHarness,
  scoringServerHarness,
} from '../http/scoring/scoring-server-harness.js';
import { EXAMPLE_BODY, trainTestBundle } from './scoring-test-kit.js';

let h: ScoringServerHarness;
const cli = async (...args: string[]) => {
  const io = memoryIo({ cwd: h.home });
  const code = await runCli(['node', 'amlops', ...args, '--home', h.home], io, COMMANDS, '0.1.0');
  return { code, out: io.out.join(''), err: io.err.join('') };
};

beforeAll(async () => {
  h = await scoringServerHarness();
  await h.publish(trainTestBundle(), 'production');
  await h.publish(trainTestBundle({ seed: 9, trees: 4 }));
  await h.server.models.poll();
});
afterAll(() => h.close());

describe('amlops score', () => {
  it('writes the input columns plus prediction and reasons, the same scores as the API', async () => {
    const input = join(h.home, 'cases.csv');
    await writeTable(input, generateCases({ rows: 300, seed: 3 }).frame);
    const run = await cli('score', '--input', 'cases.csv', '--output', 'scored.csv', '--explain', '--json');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.out);
    expect(summary).toMatchObject({ rows: 300, model: { name: MODEL, version: '1' }, output: 'scored.csv' });
    const scored = await readTable(join(h.home, 'scored.csv'));
    const names = scored.columns.map((c) => c.name);
    expect(names.slice(-2)).toEqual(['prediction', 'reasons']);
    expect(names).toContain('case_id');
    const col = (name: string) => scored.columns.find((c) => c.name === name)!;
    const body = {
      total_outcome_dollar_amount: [col('total_outcome_dollar_amount').text(5)],
      total_income_dollar_amount: [col('total_income_dollar_amount').text(5)],
      risk_pld: [col('risk_pld').text(5)],
    };
    const api = (await h.server.app.inject({ method: 'POST', url: '/predict', payload: body })).json();
    expect(Math.abs(col('prediction').number(5) - api.predictions[0])).toBeLessThan(1e-7);
    expect(col('reasons').text(5)).toMatch(/^[a-z_]+=\S+ [+-]\d+\.\d\d; /);
  });

  it('scores a large file on worker threads with exactly the scores of the calling thread', async () => {
    const cases = generateCases({ rows: 100_000, seed: 5 });
    await writeTable(join(h.home, 'large.csv'), cases.frame);
    const run = await cli('score', '--input', 'large.csv', '--output', 'large-scored.csv', '--json');
    expect(run.code).toBe(0);
    const scored = await readTable(join(h.home, 'large-scored.csv'));
    const prediction = scored.columns.find((c) => c.name === 'prediction')!;
    const scorer = h.server.models.current!.scorer;
    const text = (name: string) => {
      const column = scored.columns.find((c) => c.name === name)!;
      return Array.from({ length: scored.rowCount }, (_, r) => column.text(r));
    };
    const input = validateScoringInput(
      parsePredictBody({
        total_outcome_dollar_amount: text('total_outcome_dollar_amount'),
        total_income_dollar_amount: text('total_income_dollar_amount'),
        risk_pld: text('risk_pld'),
      }).input,
      scorer.contract,
      200_000,
    );
    const here = new Float64Array(input.rowCount);
    scorer.score(input, here);
    expect(scored.rowCount).toBe(100_000);
    for (let r = 0; r < scored.rowCount; r += 997) expect(prediction.number(r)).toBe(here[r]);
  });

  it('scores with another version, and fails on a bad value naming column and row', async () => {
    await writeTable(join(h.home, 'one.csv'), generateCases({ rows: 5, seed: 4 }).frame);
    const v2 = await cli(
      'score',
      '--input',
      'one.csv',
      '--output',
      'one.parquet',
      '--model',
      `${MODEL}/2`,
      '--json',
    );
    expect(JSON.parse(v2.out).model.version).toBe('2');
    const bad = join(h.home, 'bad.csv');
    await import('node:fs/promises').then((fs) =>
      fs.writeFile(
        bad,
        'total_outcome_dollar_amount,total_income_dollar_amount,risk_pld\n1,2,LOW\n-4,2,LOW\n',
      ),
    );
    const run = await cli('score', '--input', 'bad.csv', '--output', 'x.csv');
    expect(run.code).toBe(65);
    expect(run.err).toMatch(
      /SCORING_VALUE_INVALID: total_outcome_dollar_amount row 1: -4 is a negative amount/,
    );
    const unknown = await cli('score', '--input', 'bad.csv', '--output', 'x.csv', '--model', `${MODEL}@nope`);
    expect(unknown.code).toBe(66);
  });
});

describe('amlops score on a file with other column names', () => {
  it('names the columns the model reads and those the file has, rather than saying there is no case', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(h.home, 'renamed.csv'), 'income,outcome,risk\n1305.06,2109.19,HIGH\n');
    const run = await cli('score', '--input', 'renamed.csv', '--output', 'out.csv');
    expect(run.code).toBe(65);
    expect(run.err).toMatch(
      /^error SCORING_COLUMN_MISSING: renamed.csv has no column total_outcome_dollar_amount, total_income_dollar_amount, risk_pld \(the model reads .*\); its columns are income, outcome, risk/,
    );
  });
});

describe('amlops predictions', () => {
  it('lists and exports the scored cases of the audit log', async () => {
    const res = await h.server.app.inject({
      method: 'POST',
      url: '/predict',
      payload: { ...EXAMPLE_BODY, case_id: ['K-1'] },
    });
    await h.server.audit!.drain();
    const list = await cli('predictions', 'list', '--case', 'K-1', '--json');
    expect(list.code).toBe(0);
    const [item] = JSON.parse(list.out);
    expect(item).toMatchObject({
      requestId: res.json().request_id,
      row: 0,
      caseId: 'K-1',
      modelVersion: '1',
    });
    expect(item.inputs).toEqual({
      total_outcome_dollar_amount: 2109.19,
      total_income_dollar_amount: 1305.06,
      risk_pld: 'HIGH',
    });
    const text = await cli('predictions', 'list', '--limit', '1');
    expect(text.out).toMatch(/consumers-laundering-model\/1 {2}\S+#0 \(K-1\)/);
    const exported = await cli('predictions', 'export', '--output', 'audit.csv', '--json');
    expect(JSON.parse(exported.out).rows).toBeGreaterThan(0);
    const csv = await readFile(join(h.home, 'audit.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe(
      'request_id,row,case_id,model_name,model_version,score,scored_at,caller,client_request_id,inputs',
    );
    expect(csv).toContain('K-1');
    expect((await cli('predictions', 'list', '--since', 'yesterday-ish')).code).toBe(64);
  });

  it("finds an integrator's cases by the X-Request-Id it sent, which is no request id", async () => {
    const sent = [0, 1].map(() =>
      h.server.app.inject({
        method: 'POST',
        url: '/predict',
        payload: EXAMPLE_BODY,
        headers: { 'x-request-id': 'erp-batch-17' },
      }),
    );
    const ids = (await Promise.all(sent)).map((res) => res.json().request_id as string);
    await h.server.audit!.drain();
    const list = await cli('predictions', 'list', '--client-request', 'erp-batch-17', '--json');
    const items = JSON.parse(list.out) as { requestId: string; clientRequestId: string }[];
    expect(items.map((c) => c.requestId).sort()).toEqual([...ids].sort());
    expect(items.every((c) => c.clientRequestId === 'erp-batch-17')).toBe(true);
    expect(JSON.parse((await cli('predictions', 'list', '--request', 'erp-batch-17', '--json')).out)).toEqual(
      [],
    );
    const text = await cli('predictions', 'list', '--client-request', 'erp-batch-17', '--limit', '1');
    expect(text.out).toMatch(new RegExp(`(${ids.join('|')})#0  client erp-batch-17  0\\.\\d{6}`));
    await cli('predictions', 'export', '--client-request', 'erp-batch-17', '--output', 'erp.csv');
    const rows = (await readTable(join(h.home, 'erp.csv'))).columns.find(
      (c) => c.name === 'client_request_id',
    )!;
    expect([rows.text(0), rows.text(1)]).toEqual(['erp-batch-17', 'erp-batch-17']);
  });

  it('measures each version on the cases analysts concluded on, in the CLI and the API', async () => {
    const none = await cli('predictions', 'performance', '--model-version', '2');
    expect(none.out).toMatch(/no scored case has feedback yet/);
    const n = 40;
    const body = {
      total_outcome_dollar_amount: Array.from({ length: n }, (_, i) => 100 + 250 * i),
      total_income_dollar_amount: Array.from({ length: n }, (_, i) => 5000 - 100 * i),
      risk_pld: Array.from({ length: n }, (_, i) => ['LOW', 'MEDIUM', 'HIGH'][i % 3]!),
    };
    const res = await h.server.app.inject({ method: 'POST', url: '/predict', payload: body });
    const { request_id: requestId, predictions } = res.json() as {
      request_id: string;
      predictions: number[];
    };
    await h.server.audit!.drain();
    const labels = predictions.map((_, i) => (i % 3 === 0 || i > 30 ? 1 : 0));
    for (let row = 0; row < n; row++) {
      const posted = await h.server.app.inject({
        method: 'POST',
        url: '/feedback',
        payload: { request_id: requestId, row, conclusion: labels[row] ? 'REPORTED' : 'CLOSED_NO_ROI' },
      });
      expect(posted.statusCode).toBe(201);
    }
    const run = await cli('predictions', 'performance', '--model', MODEL, '--json');
    expect(run.code).toBe(0);
    const [v1] = JSON.parse(run.out);
    const positives = labels.filter((l) => l === 1).length;
    expect(v1).toMatchObject({ modelName: MODEL, modelVersion: '1', labelled: n, positives });
    expect(v1.rocAuc).toBeCloseTo(rocAuc(Float64Array.from(predictions), Float64Array.from(labels)), 10);
    expect(v1.positiveRate).toBeCloseTo(positives / n, 10);
    const text = await cli('predictions', 'performance');
    expect(text.out).toMatch(
      new RegExp(`${MODEL}/1: ${n} concluded cases \\(${positives} laundering\\)  ROC AUC 0\\.\\d{4}`),
    );
    expect((await cli('predictions', 'performance', '--until', 'soon')).code).toBe(64);
    // The same figures from amlops' API, for the UI.
    const api = await h.server.app.inject(`/api/v1/predictions/performance?model=${MODEL}&since=2000-01-01`);
    expect(api.statusCode).toBe(200);
    expect(api.json().versions).toEqual(JSON.parse(run.out));
    const later = await h.server.app.inject('/api/v1/predictions/performance?since=2999-01-01');
    expect(later.json()).toEqual({ versions: [] });
    const bad = await h.server.app.inject('/api/v1/predictions/performance?until=soon');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'USAGE', message: expect.stringMatching(/until .*ISO/) });
  });
});

describe('amlops serve', () => {
  it('drains requests in flight on shutdown and writes their audit records', async () => {
    const config = { ...h.config, 'server.port': 0 };
    const running = await startScoringProcess(config, { cwd: h.home, version: '0.1.0', retention: false });
    const before = running.server.audit!.recorder.written;
    const requests = Array.from({ length: 40 }, (_, i) =>
      fetch(`${running.url}/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': `drain-${i}` },
        body: JSON.stringify(EXAMPLE_BODY),
      }).then((r) => r.status),
    );
    // Stop as soon as the first answer is out: the others are in flight at every stage.
    await Promise.race(requests);
    const stopping = running.shutdown();
    const statuses = await Promise.all(requests.map((p) => p.catch(() => 'refused')));
    await stopping;
    const served = statuses.filter((s) => s === 200).length;
    // A request is either served, or refused before it was accepted; never failed half-way.
    expect(statuses.every((s) => s === 200 || s === 503 || s === 'refused')).toBe(true);
    expect(served).toBeGreaterThan(0);
    expect(running.server.audit!.recorder.written - before).toBe(served);
    expect(running.server.audit!.recorder.backlogBytes).toBe(0);
  });
});
