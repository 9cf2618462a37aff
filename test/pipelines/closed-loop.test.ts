import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTable } from '../../src/adapters/data/write-table.js';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { resolveConfig } from '../../src/config/index.js';
import { sampleDraw } from '../../src/core/cases/index.js';
import { stratifiedSplit } from '../../src/core/dataset/index.js';
import { Rng } from '../../src/core/random/index.js';
import { generateCases } from '../../src/core/synthetic/index.js';
import { openServerApp, type ServerApp } from '../../src/http/server-app.js';
import { COMMANDS } from '../../src/main/commands.js';
import { pairwiseAuc } from '../support/pairwise-metrics.js';

// The analysts' loop of issue 17, end to end: a model trained on generated cases serves /predict;
// the audit writer opens cases at the version's alert threshold (set by the training from the
// team's capacity) plus a 30% sample below it; the test plays the analysts, concluding every case
// with the generator's own conclusion; a training from the concluded cases registers a new version
// with the evidence of the cases it used; live performance and the alert budget report what an
// independent count here finds.

const NAME = 'consumers-laundering-model';
const SAMPLE_RATE = 0.3;
const dir = mkdtempSync(join(tmpdir(), 'amlops-closed-loop-'));
const env = {
  AMLOPS_HOME: join(dir, 'home'),
  AMLOPS_LOG_LEVEL: 'silent',
  AMLOPS_USER: 'lead',
  // The team reviews 200 cases a day out of 4000 scored: the new versions start at a 5% alert rate.
  AMLOPS_CASES_CAPACITY_PER_DAY: '200',
  AMLOPS_CASES_DAILY_VOLUME: '4000',
  AMLOPS_CASES_SAMPLE_RATE: String(SAMPLE_RATE),
};
const run = async (args: string[]) => {
  const io = memoryIo({ cwd: dir, env });
  const code = await runCli(['node', 'amlops', ...args], io, COMMANDS, '0.0.0-test');
  return { code, out: io.out.join(''), err: io.err.join('') };
};
const json = async (args: string[]) => {
  const result = await run([...args, '--json']);
  expect(result.code, result.err).toBe(0);
  return JSON.parse(result.out);
};
/** The rows of a CSV file `amlops` wrote, by header name (no quoted cells in these files). */
const csvRows = (path: string): Record<string, string>[] => {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const names = header!.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(names.map((name, i) => [name, cells[i]!]));
  });
};

const live = generateCases({ rows: 3000, seed: 72 });
/** Each live case id's true conclusion, as the generator drew it. */
const truth = new Map<string, string>();
/** Each live case id's exact score by version 1 (from `amlops score`), its request id and row. */
const scored = new Map<string, { score: number; requestId: string; row: number }>();
let server: ServerApp;
let threshold1: number;

beforeAll(async () => {
  await writeTable(join(dir, 'train.csv'), generateCases({ rows: 8000, seed: 71 }).frame);
  await writeTable(join(dir, 'live.csv'), live.frame);
  const trained = await json(['train', '--data', 'train.csv', '--preset', 'original', '--promote']);
  expect(trained.model.version).toBe('1');
  const shown = await json(['models', 'show', NAME]);
  threshold1 = Number(
    shown.versions.find((v: { version: string }) => v.version === '1').tags['amlops.alert_threshold'],
  );

  const ids = live.frame.get('case_id')!;
  const conclusions = live.frame.get('conclusion')!;
  const text = (column: typeof ids, row: number): string =>
    column.kind === 'categorical'
      ? column.categories[column.codes[row]!]!
      : column.kind === 'text'
        ? column.values[row]!
        : '';
  for (let row = 0; row < live.frame.rowCount; row++) truth.set(text(ids, row), text(conclusions, row));
  expect(truth.size).toBe(3000);

  // Exact scores, independently of the audit log: version 1 scores the same file.
  const scoring = await run([
    'score',
    '--model',
    `${NAME}/1`,
    '--input',
    'live.csv',
    '--output',
    'scored.csv',
  ]);
  expect(scoring.code, scoring.err).toBe(0);
  const exact = new Map(csvRows(join(dir, 'scored.csv')).map((r) => [r.case_id!, Number(r.prediction)]));

  const { config } = resolveConfig({ env });
  server = await openServerApp(config, { cwd: dir, version: 'test' });
  // Scored through /predict of a real server, 100 cases a request, with their case ids.
  for (let from = 0; from < 3000; from += 100) {
    const body: Record<string, unknown[]> = { case_id: [] };
    for (const name of ['total_income_dollar_amount', 'total_outcome_dollar_amount', 'risk_pld'])
      body[name] = [];
    for (let row = from; row < from + 100; row++) {
      body.case_id!.push(text(ids, row));
      for (const name of ['total_income_dollar_amount', 'total_outcome_dollar_amount', 'risk_pld']) {
        const column = live.frame.get(name)!;
        body[name]!.push(
          column.kind === 'numeric'
            ? Number.isNaN(column.values[row]!)
              ? null
              : column.values[row]
            : column.kind === 'categorical' && column.codes[row]! >= 0
              ? column.categories[column.codes[row]!]
              : null,
        );
      }
    }
    const answer = await server.app.inject({ method: 'POST', url: '/predict', payload: body });
    expect(answer.statusCode, answer.body).toBe(200);
    const { request_id: requestId, predictions } = answer.json() as {
      request_id: string;
      predictions: number[];
    };
    (body.case_id as string[]).forEach((caseId, row) => {
      expect(predictions[row]).toBeCloseTo(exact.get(caseId)!, 6);
      scored.set(caseId, { score: exact.get(caseId)!, requestId, row });
    });
  }
  expect(await server.audit!.drain()).toBe(true);
}, 300_000);

afterAll(async () => {
  await server?.app.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The cases an independent count expects: alerted at version 1's threshold, or sampled below it. */
function expectedCases(): Map<string, 'alert' | 'sampled'> {
  const expected = new Map<string, 'alert' | 'sampled'>();
  for (const [caseId, s] of scored)
    if (s.score >= threshold1) expected.set(caseId, 'alert');
    else if (sampleDraw(s.requestId, s.row) < SAMPLE_RATE) expected.set(caseId, 'sampled');
  return expected;
}

describe('the closed loop: score, open cases, conclude, retrain', () => {
  it('records the training threshold from the capacity, and opens exactly the alerted and sampled cases', async () => {
    const shown = await json(['models', 'show', NAME]);
    const tags = shown.versions.find((v: { version: string }) => v.version === '1').tags;
    expect(tags['amlops.alert_threshold.set_by']).toBe('training');
    expect(tags['amlops.alert_threshold.reason']).toContain(
      'a capacity of 200 cases a day out of 4000 scored',
    );
    const budget = await json([
      'threshold',
      '--model',
      `${NAME}/1`,
      '--capacity',
      '200',
      '--daily-volume',
      '4000',
    ]);
    expect(budget.at.threshold).toBe(threshold1);

    const expected = expectedCases();
    const alerts = [...expected.values()].filter((kind) => kind === 'alert').length;
    expect(alerts).toBeGreaterThan(60);
    expect(expected.size - alerts).toBeGreaterThan(600);
    const listed = await json(['cases', 'list', '--state', 'all', '--limit', '10000']);
    expect(listed.counts).toEqual({ open: expected.size, in_review: 0 });
    expect(listed.alertThreshold).toMatchObject({ version: '1', alertThreshold: threshold1, note: null });
    const found = new Map(
      (listed.cases as { subject: string; sampled: boolean; score: number }[]).map((c) => [c.subject, c]),
    );
    expect(found.size).toBe(expected.size);
    for (const [caseId, kind] of expected) {
      expect(found.get(caseId)?.sampled, caseId).toBe(kind === 'sampled');
      expect(found.get(caseId)?.score).toBe(scored.get(caseId)!.score);
    }
    // Ranked by score, highest first.
    const scores = (listed.cases as { score: number }[]).map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('lets the analysts work the queue: show, assign, conclude with the truth; refuses bad conclusions changing nothing', async () => {
    const queue = (
      await server.app.inject({ method: 'GET', url: '/api/v1/cases?max_results=10000' })
    ).json() as {
      cases: { id: number; subject: string }[];
    };
    const [first, second] = queue.cases;
    const shown = await json(['cases', 'show', String(first!.id)]);
    expect(shown.scored.inputs).toHaveProperty('risk_pld');
    expect(shown.reasons.reasons.length).toBeGreaterThan(0);
    expect(shown.case.modelVersion).toBe('1');
    const taken = await json(['cases', 'assign', String(first!.id), '--to', 'ana']);
    expect(taken.case).toMatchObject({ state: 'in_review', assignee: 'ana', assignedBy: 'lead' });
    // By the command line, with the truth.
    const done = await json([
      'cases',
      'conclude',
      String(first!.id),
      '--conclusion',
      truth.get(first!.subject)!,
      '--note',
      'checked the transfers',
      '--by',
      'ana',
    ]);
    expect(done.case).toMatchObject({
      state: 'concluded',
      concludedBy: 'ana',
      note: 'checked the transfers',
    });

    const twice = await run(['cases', 'conclude', String(first!.id), '--conclusion', 'CLOSED_NO_ROI']);
    expect(twice.code).toBe(65);
    expect(twice.err).toContain('CASE_ALREADY_CONCLUDED');
    const unknown = await run(['cases', 'conclude', String(second!.id), '--conclusion', 'MAYBE']);
    expect(unknown.code).toBe(64);
    expect(unknown.err).toContain('CASE_CONCLUSION_UNKNOWN');
    expect(unknown.err).toContain('CLOSED_NO_ROI, CLOSED_WITH_ROI, REPORTED_TO_AUTHORITY');
    const missing = await run(['cases', 'conclude', '99999999', '--conclusion', 'CLOSED_NO_ROI']);
    expect(missing.code).toBe(66);
    expect(missing.err).toContain('CASE_NOT_FOUND');
    const after = await json(['cases', 'show', String(first!.id)]);
    expect(after.case).toEqual(done.case);
    expect((await json(['cases', 'show', String(second!.id)])).case.state).toBe('open');

    // The rest through the API, as the web UI does.
    for (const c of queue.cases.slice(1)) {
      const answer = await server.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${c.id}/conclude`,
        payload: { conclusion: truth.get(c.subject), analyst: 'bo' },
      });
      expect(answer.statusCode, answer.body).toBe(200);
    }
    const again = await server.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${second!.id}/conclude`,
      payload: { conclusion: 'CLOSED_NO_ROI' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CASE_ALREADY_CONCLUDED');
    expect((await json(['cases', 'list'])).counts).toEqual({ open: 0, in_review: 0 });
  });

  it('reports live performance and the live alert count as an independent count finds them', async () => {
    const expected = expectedCases();
    const labels: number[] = [];
    const scores: number[] = [];
    for (const caseId of expected.keys()) {
      labels.push(truth.get(caseId) === 'CLOSED_NO_ROI' ? 0 : 1);
      scores.push(scored.get(caseId)!.score);
    }
    const [v1] = await json(['predictions', 'performance', '--model-version', '1']);
    expect(v1).toMatchObject({
      modelName: NAME,
      modelVersion: '1',
      labelled: expected.size,
      positives: labels.filter((l) => l === 1).length,
    });
    expect(v1.rocAuc).toBeCloseTo(pairwiseAuc(labels, scores).auc, 10);
    // What the budget promised at version 1's threshold, against what happened: cases opened by an
    // alert, and the laundering among them.
    const alerted = [...expected].filter(([, kind]) => kind === 'alert').map(([caseId]) => caseId);
    const caught = alerted.filter((caseId) => truth.get(caseId) !== 'CLOSED_NO_ROI').length;
    const concludedAlerts = (
      await json(['cases', 'list', '--state', 'concluded', '--limit', '10000'])
    ).cases.filter((c: { sampled: boolean }) => !c.sampled);
    expect(concludedAlerts).toHaveLength(alerted.length);
    expect(concludedAlerts.filter((c: { label: number }) => c.label === 1)).toHaveLength(caught);
  });

  it('retrains from the concluded cases: a new version with the evidence of the cases it used and its own threshold', async () => {
    const trained = await json(['train', '--from-cases', '--preset', 'original', '--no-promote']);
    const expected = expectedCases();
    expect(trained.model.version).toBe('2');
    expect(trained.training_cases).toBe(expected.size);
    const shownRun = (await json(['runs', 'show', trained.run_id])).run as {
      artifactUri: string;
      tags: Record<string, string>;
    };
    const tags = shownRun.tags;
    expect(tags['amlops.training_cases']).toBe(String(expected.size));
    expect(tags['amlops.training_cases.sampled']).toBe(
      String([...expected.values()].filter((kind) => kind === 'sampled').length),
    );
    const listed = csvRows(join(fileURLToPath(shownRun.artifactUri), 'training-cases.csv'));
    expect(new Set(listed.map((r) => r.subject))).toEqual(new Set(expected.keys()));
    for (const r of listed) {
      expect(r.conclusion).toBe(truth.get(r.subject!));
      const s = scored.get(r.subject!)!;
      expect(r.scored_case).toBe(`${s.requestId}#${s.row}`);
    }

    const version = (await json(['models', 'show', NAME])).versions.find(
      (v: { version: string }) => v.version === '2',
    );
    expect(version.status).toBe('READY');
    expect(version.tags['amlops.alert_threshold.set_by']).toBe('training');
    const threshold2 = Number(version.tags['amlops.alert_threshold']);

    // The budget of version 2 at its threshold, against a count over its test split: the split is
    // rebuilt here from the listed cases (in training order) with the configured size and seed.
    const labels = listed.map((r) => Number(r.label));
    const split = stratifiedSplit(labels, 0.3, new Rng(42));
    expect(split.train.length + split.test.length).toBe(listed.length);
    const rows = Array.from(split.test, (i) => listed[i]!);
    const index = new Map<string, number>();
    for (let row = 0; row < live.frame.rowCount; row++) index.set(liveId(row), row);
    const frame = live.frame.take(Uint32Array.from(rows, (r) => index.get(r.subject!)!));
    await writeTable(join(dir, 'test-split.csv'), frame);
    const scoring = await run([
      'score',
      '--model',
      `${NAME}/2`,
      '--input',
      'test-split.csv',
      '--output',
      'test-scored.csv',
    ]);
    expect(scoring.code, scoring.err).toBe(0);
    const testScores = csvRows(join(dir, 'test-scored.csv')).map((r) => Number(r.prediction));
    let alerts = 0;
    let truePositives = 0;
    testScores.forEach((score, i) => {
      if (score >= threshold2) {
        alerts++;
        truePositives += Number(rows[i]!.label);
      }
    });
    const budget = await json(['threshold', '--model', `${NAME}/2`]);
    expect(budget.evaluation).toMatchObject({ kind: 'training', cases: rows.length });
    expect(budget.at).toMatchObject({ threshold: threshold2, alerts, truePositives, exact: true });
  });
});

function liveId(row: number): string {
  const ids = live.frame.get('case_id')!;
  return ids.kind === 'text'
    ? ids.values[row]!
    : ids.kind === 'categorical'
      ? ids.categories[ids.codes[row]!]!
      : '';
}
