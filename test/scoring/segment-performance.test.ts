import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTable } from '../../src/adapters/data/write-table.js';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import type { SegmentMetrics } from '../../src/core/evaluate/segment-metrics.js';
import type { SegmentReport } from '../../src/core/evaluate/segment-report.js';
import { generateCases } from '../../src/core/synthetic/generate-cases.js';
import { COMMANDS } from '../../src/main/commands.js';
import type { VersionSegmentPerformance } from '../../src/services/live-segment-performance.js';
import {
  MODEL,
  type ScoringServerHarness,
  scoringServerHarness,
} from '../http/scoring/scoring-server-harness.js';

// A small model trained with `amlops train`, cases it scored through /predict, the analysts'
// conclusions (the generator's labels) through /feedback, then `amlops predictions performance
// --by COLUMN` and its API, checked against figures counted here pair by pair.

let h: ScoringServerHarness;
const cli = async (...args: string[]) => {
  const io = memoryIo({ cwd: h.home });
  const code = await runCli(['node', 'amlops', ...args, '--home', h.home], io, COMMANDS, '0.1.0');
  return { code, out: io.out.join(''), err: io.err.join('') };
};
const json = async (...args: string[]) => {
  const run = await cli(...args, '--json');
  expect(run.code, run.err).toBe(0);
  return JSON.parse(run.out);
};

let trained: { run_id: string; metrics: Record<string, number>; segments: SegmentReport };
/** The live cases as scored and concluded. */
const live = {
  risk: [] as (string | null)[],
  outcome: [] as number[],
  scores: [] as number[],
  labels: [] as number[],
};

beforeAll(async () => {
  h = await scoringServerHarness();
  await writeTable(join(h.home, 'cases.csv'), generateCases({ rows: 5000, seed: 41 }).frame);
  trained = await json(
    'train',
    '--data',
    'cases.csv',
    '--params',
    '{"n_estimators":20,"max_depth":3}',
    '--promote',
  );
  await h.server.models.poll();
  const cases = generateCases({ rows: 3000, seed: 43 });
  const risk = cases.frame.get('risk_pld')!;
  const outcome = cases.frame.get('total_outcome_dollar_amount')!;
  const income = cases.frame.get('total_income_dollar_amount')!;
  if (risk.kind !== 'categorical' || outcome.kind !== 'numeric' || income.kind !== 'numeric')
    throw new Error('columns');
  live.risk = Array.from(risk.codes, (c) => (c < 0 ? null : risk.categories[c]!));
  live.outcome = Array.from(outcome.values);
  const res = await h.server.app.inject({
    method: 'POST',
    url: '/predict',
    payload: {
      total_outcome_dollar_amount: live.outcome,
      total_income_dollar_amount: Array.from(income.values),
      risk_pld: live.risk,
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  const { request_id: requestId, predictions } = res.json() as { request_id: string; predictions: number[] };
  live.scores = predictions;
  live.labels = Array.from(cases.label);
  await h.server.audit!.drain();
  for (let row = 0; row < predictions.length; row++) {
    const posted = await h.server.app.inject({
      method: 'POST',
      url: '/feedback',
      payload: {
        request_id: requestId,
        row,
        conclusion: live.labels[row] ? 'REPORTED_TO_AUTHORITY' : 'CLOSED_NO_ROI',
      },
    });
    expect(posted.statusCode).toBe(201);
  }
}, 180_000);
afterAll(() => h.close());

/** ROC AUC counting every (positive, negative) pair, ties as one half. */
function bruteForceAuc(labels: number[], scores: number[]): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < labels.length; i++)
    if (labels[i] === 1)
      for (let j = 0; j < labels.length; j++)
        if (labels[j] === 0) {
          pairs++;
          sum += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
        }
  return sum / pairs;
}

/** A segment's figures counted here from the rows in it. */
function expectCounted(segment: SegmentMetrics, rows: number[], threshold: number): void {
  const labels = rows.map((i) => live.labels[i]!);
  const scores = rows.map((i) => live.scores[i]!);
  const positives = labels.filter((l) => l === 1).length;
  const alerted = rows.filter((i) => live.scores[i]! >= threshold);
  const tp = alerted.filter((i) => live.labels[i] === 1).length;
  expect(segment, segment.segment).toMatchObject({ count: rows.length, positives, alerts: alerted.length });
  expect(segment.alertRate).toBeCloseTo(alerted.length / rows.length, 12);
  expect(segment.precision).toBeCloseTo(tp / alerted.length, 12);
  expect(segment.recall).toBeCloseTo(tp / positives, 12);
  if (positives >= 30 && rows.length - positives >= 30) {
    expect(segment.rocAuc).toBeCloseTo(bruteForceAuc(labels, scores), 12);
    expect(segment.warning).toBeNull();
  } else {
    expect(segment.rocAuc).toBeNull();
    expect(segment.warning).toMatch(
      /^too small to measure: \d+ positives? \(fewer than 30\); ROC AUC not reported/,
    );
  }
}

describe('the evaluation by segment in training', () => {
  it('is in the train summary, evaluation.json and the model card: risk level and amount bands', async () => {
    const { segments } = trained;
    expect(segments.threshold).toEqual({ value: trained.metrics.threshold, source: 'operating' });
    expect(segments.breakdowns.map((b) => [b.column, b.kind])).toEqual([
      ['risk_pld', 'value'],
      ['total_outcome_dollar_amount', 'band'],
      ['total_income_dollar_amount', 'band'],
    ]);
    expect(segments.breakdowns[0]!.segments.map((s) => s.segment)).toEqual(['HIGH', 'LOW', 'MEDIUM']);
    expect(segments.breakdowns[1]!.cuts).toHaveLength(3);
    for (const b of segments.breakdowns)
      expect(b.segments.reduce((n, s) => n + s.count, 0)).toBe(trained.metrics.test_rows);
    const shown = await json('runs', 'show', trained.run_id);
    const artifacts = fileURLToPath(shown.run.artifactUri);
    const evaluation = JSON.parse(await readFile(join(artifacts, 'evaluation.json'), 'utf8'));
    expect(evaluation.report.segments).toEqual(segments);
    const card = JSON.parse(await readFile(join(artifacts, 'model-card.json'), 'utf8'));
    expect(card.segments).toEqual(segments);
    const markdown = await readFile(join(artifacts, 'model-card.md'), 'utf8');
    expect(markdown).toContain('## Segments');
    expect(markdown).toMatch(/\n\| HIGH \| \d+ \| \d+ \| /);
  });

  it('prints a table of the segments after the metrics', async () => {
    await writeTable(join(h.home, 'small.csv'), generateCases({ rows: 1200, seed: 44 }).frame);
    const run = await cli(
      'train',
      '--data',
      'small.csv',
      '--params',
      '{"n_estimators":5,"max_depth":2}',
      '--dry-run',
    );
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(
      / {2}segments {7}test split, alerts at the operating threshold 0\.\d{4} of its evaluation:\n/,
    );
    expect(run.out).toMatch(
      /\n {4}COLUMN +SEGMENT +CASES +POSITIVES +ROC AUC +PRECISION +RECALL +ALERT RATE +NOTE\n/,
    );
    expect(run.out).toMatch(
      /\n {4}risk_pld +LOW +\d+ +\d+ +n\/a +[\d.na/]+ +[\d.na/]+ +0\.\d{4} +too small to measure/,
    );
  });
});

describe('amlops predictions performance --by', () => {
  it("breaks a version down by risk level, at the alert threshold training recorded (its evaluation's operating threshold), as counted here", async () => {
    const [v1] = (await json(
      'predictions',
      'performance',
      '--by',
      'risk_pld',
    )) as VersionSegmentPerformance[];
    expect(v1).toMatchObject({ modelName: MODEL, modelVersion: '1', labelled: live.labels.length });
    const threshold = trained.metrics.threshold!;
    expect(v1!.segments).toMatchObject({
      column: 'risk_pld',
      // Every new version gets an alert threshold at training: without a capacity, the operating one.
      threshold: { value: threshold, source: 'alert-threshold' },
      bandsFrom: null,
      minClassCount: 30,
      notes: [],
    });
    const segments = v1!.segments.breakdown!.segments;
    expect(segments.map((s) => s.segment)).toEqual(['HIGH', 'LOW', 'MEDIUM']);
    for (const s of segments)
      expectCounted(
        s,
        live.risk.flatMap((r, i) => (r === s.segment ? [i] : [])),
        threshold,
      );
    // Both kinds occur: HIGH has enough of each class, the others too few positives.
    expect(segments.map((s) => s.rocAuc === null)).toEqual([false, true, true]);
    const api = await h.server.app.inject('/api/v1/predictions/performance?by=risk_pld');
    expect(api.statusCode).toBe(200);
    expect(api.json().versions).toEqual([v1]);
  });

  it("cuts an amount at its training's cuts, and measures at the alert threshold once one is set", async () => {
    const set = await cli('threshold', '--set', '0.25', '--reason', 'capacity 50 a day', '--by', 'ana');
    expect(set.code, set.err).toBe(0);
    const [v1] = (await json(
      'predictions',
      'performance',
      '--by',
      'total_outcome_dollar_amount',
      '--model-version',
      '1',
    )) as VersionSegmentPerformance[];
    const cuts = trained.segments.breakdowns.find((b) => b.column === 'total_outcome_dollar_amount')!.cuts!;
    expect(v1!.segments).toMatchObject({
      threshold: { value: 0.25, source: 'alert-threshold' },
      bandsFrom: 'training',
      breakdown: { kind: 'band', cuts },
    });
    const bandOf = (x: number) => cuts.filter((c) => c <= x).length;
    v1!.segments.breakdown!.segments.forEach((s, b) => {
      expect(s.band).toEqual({ from: b === 0 ? null : cuts[b - 1], to: b === cuts.length ? null : cuts[b] });
      expectCounted(
        s,
        live.outcome.flatMap((x, i) => (bandOf(x) === b ? [i] : [])),
        0.25,
      );
    });
  });

  it('prints each segment under its version, and says when a column is not an input', async () => {
    const text = await cli('predictions', 'performance', '--by', 'risk_pld');
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(
      new RegExp(
        `^${MODEL}/1: 3000 concluded cases \\(\\d+ laundering\\)  ROC AUC 0\\.\\d{4}.*\\n  by risk_pld, alerts at the version's alert threshold 0\\.2500:\\n  SEGMENT +CASES +POSITIVES +ROC AUC +PRECISION +RECALL +ALERT RATE +NOTE\\n  HIGH +\\d+ +\\d+ +0\\.\\d{4} `,
      ),
    );
    expect(text.out).toMatch(
      /\n {2}LOW +\d+ +\d+ +n\/a +0\.\d{4} +0\.\d{4} +0\.\d{4} +too small to measure: \d+ positives/,
    );
    const other = await cli('predictions', 'performance', '--by', 'region');
    expect(other.out).toContain(
      "  note: the concluded cases have no input 'region' (their inputs: risk_pld, total_income_dollar_amount, total_outcome_dollar_amount)",
    );
    const api = await h.server.app.inject('/api/v1/predictions/performance?by=region&model=nobody');
    expect(api.json()).toEqual({ versions: [] });
  });
});
