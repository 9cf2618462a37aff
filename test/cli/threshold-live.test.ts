import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArtifactStore } from '../../src/adapters/artifacts/index.js';
import { writeTable } from '../../src/adapters/data/write-table.js';
import { openAuditStoreWriter } from '../../src/adapters/sql/audit-open-writer.js';
import { openSqlStores } from '../../src/adapters/sql/index.js';
import { openCaseStore } from '../../src/adapters/sql/open-case-store.js';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { sampleDraw } from '../../src/core/cases/index.js';
import { generateCases } from '../../src/core/synthetic/index.js';
import { platformApi } from '../../src/http/platform/index.js';
import { COMMANDS } from '../../src/main/commands.js';
import { ALERT_THRESHOLD_TAGS } from '../../src/services/recorded-alert-threshold.js';
import { auditRequest } from '../support/audit-batch.js';

// The live side of `amlops threshold`: cases opened by the audit writer over ten past days (and
// today), some concluded, then the command's figures checked against a count of those cases.

const NAME = 'consumers-laundering-model';
const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), 'amlops-threshold-live-'));
const home = join(dir, 'home');
const url = `sqlite:${join(home, 'amlops.db')}`;
/** The team's capacity, from the setting (the question below is a threshold). */
const env = { AMLOPS_HOME: home, AMLOPS_CASES_CAPACITY_PER_DAY: '8' };
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

/** Alerted cases opened k days ago (index k - 1), none 8 days ago; 4 today. */
const ALERTED = [10, 7, 14, 11, 9, 10, 15, 0, 8, 12];
const TODAY_ALERTED = 4;
const BELOW = 20;
const SAMPLE_RATE = 0.25;
const THRESHOLD = 0.5;

let today0: number;
let setAt: string;
/** Per day (oldest first): the alerted and the sampled subjects the writer was given. */
const opened: { day: string; alerted: string[]; sampled: string[] }[] = [];
/** The conclusions made: subject → label. */
const concluded = new Map<string, 0 | 1>();

const dayName = (time: number) => new Date(time).toISOString().slice(0, 10);

beforeAll(async () => {
  // A run across midnight (UTC) would move "today" between the writes and the command.
  const left = DAY - (Date.now() % DAY);
  if (left < 120_000) await new Promise((resolve) => setTimeout(resolve, left + 1000));
  today0 = Math.floor(Date.now() / DAY) * DAY;
  await writeTable(join(dir, 'cases.csv'), generateCases({ rows: 3000, seed: 41 }).frame);
  await writeTable(join(dir, 'labelled.csv'), generateCases({ rows: 2000, seed: 42 }).frame);
  const trained = await json([
    'train',
    '--data',
    'cases.csv',
    '--test-data',
    'labelled.csv',
    '--params',
    '{"n_estimators":10,"max_depth":3}',
    '--promote',
  ]);
  expect(trained.run_id).toMatch(/^[0-9a-f]{32}$/);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Sets the alert threshold as a decision, dated back to noon eleven days ago. */
async function setThresholdElevenDaysAgo(): Promise<void> {
  const set = await run(['threshold', '--set', String(THRESHOLD), '--reason', 'live test', '--by', 'ana']);
  expect(set.code, set.err).toBe(0);
  setAt = new Date(today0 - 11 * DAY + DAY / 2).toISOString();
  const stores = await openSqlStores(url, {
    artifactRoot: pathToFileURL(join(home, 'artifacts')).href,
    openArtifacts: (uri) => openArtifactStore(uri),
  });
  try {
    await stores.registry.setModelVersionTag(NAME, '1', { key: ALERT_THRESHOLD_TAGS.setAt, value: setAt });
  } finally {
    await stores.close();
  }
}

/** One request a day through the audit writer: the alerted cases (0.9) and 20 below the threshold (0.2). */
async function openCases(): Promise<void> {
  const writer = await openAuditStoreWriter(url, { thresholdTtlMs: 0, sampleRate: SAMPLE_RATE });
  try {
    const days = [...ALERTED.map((n, i) => ({ ago: i + 1, n })).reverse(), { ago: 0, n: TODAY_ALERTED }];
    for (const [position, { ago, n }] of days.entries()) {
      const time = ago === 0 ? today0 + 1000 : today0 - ago * DAY + 3_600_000;
      const requestId = `day-${ago}`;
      const rows = n + BELOW;
      const subjects = Array.from({ length: rows }, (_, row) => `S${ago}-${row}`);
      await writer.append(
        [
          {
            ...auditRequest(requestId, rows),
            modelVersions: ['1'],
            scores: subjects.map((_, row) => (row < n ? 0.9 : 0.2)),
            caseIds: subjects,
            times: [time],
          },
        ],
        { source: 'live-test', position: position + 1 },
      );
      opened.push({
        day: dayName(time),
        alerted: subjects.slice(0, n),
        sampled: subjects.filter((_, row) => row >= n && sampleDraw(requestId, row) < SAMPLE_RATE),
      });
    }
  } finally {
    await writer.close();
  }
}

/** Concludes the alerted cases of 10 to 7 days ago (every fourth not laundering) and two sampled ones. */
async function concludeSome(): Promise<void> {
  const cases = await openCaseStore(url);
  try {
    const all = (await cases.list({ states: ['open'], maxResults: 10_000 })).items;
    const idOf = new Map(all.map((c) => [c.subject!, c.id]));
    const chosen: [string, 0 | 1][] = [
      ...opened
        .slice(0, 4)
        .flatMap((d) => d.alerted.map((s, i): [string, 0 | 1] => [s, i % 4 === 3 ? 0 : 1])),
      ...opened[0]!.sampled.slice(0, 2).map((s, i): [string, 0 | 1] => [s, i === 0 ? 1 : 0]),
    ];
    for (const [subject, label] of chosen) {
      await cases.conclude({
        id: idOf.get(subject)!,
        conclusion: label === 1 ? 'CLOSED_WITH_ROI' : 'CLOSED_NO_ROI',
        label,
        note: '',
        by: 'ana',
        at: Date.now(),
      });
      concluded.set(subject, label);
    }
  } finally {
    await cases.close();
  }
}

const medianOf = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

describe('amlops threshold, the live side', () => {
  it('says plainly that the version has opened no case yet', async () => {
    const report = await json(['threshold', '--threshold', '0.5', '--daily-volume', '1000']);
    expect(report.live.totals).toMatchObject({ opened: 0, sampled: 0, concluded: 0 });
    expect(report.live.openedPerDay).toBeNull();
    expect(report.live.findings.map((f: { code: string }) => f.code)).toEqual(['LIVE_NO_CASES']);
    const text = await run(['threshold', '--threshold', '0.5', '--daily-volume', '1000']);
    expect(text.out).toMatch(
      /^live: no case opened by version 1 yet since its alert threshold was set, \S+: nothing to compare with what was promised$/m,
    );
  });

  it('compares the cases opened a day and the live precision with the promise, as counted from the cases written', async () => {
    await setThresholdElevenDaysAgo();
    await openCases();
    await concludeSome();
    const report = await json(['threshold', '--threshold', '0.5', '--daily-volume', '1000']);
    const { live } = report;

    // What was promised: the figures at the threshold in force, the capacity from the setting.
    expect(live.promised).toEqual({
      threshold: THRESHOLD,
      capacity: 8,
      alertRate: report.at.alertRate,
      alertsPerDay: report.perDay.alerts,
      precision: report.at.precision,
    });
    expect(live.from).toBe(setAt);

    // Counted from what was written: the ten complete days (none before the first whole day after
    // the decision), zero on the day without a case, today apart.
    const past = opened.slice(0, 10);
    const labelOf = (s: string) => concluded.get(s);
    expect(live.days).toEqual(
      past.map((d) => ({
        day: d.day,
        opened: d.alerted.length,
        concluded: d.alerted.filter((s) => labelOf(s) !== undefined).length,
        positive: d.alerted.filter((s) => labelOf(s) === 1).length,
        sampled: d.sampled.length,
        sampledConcluded: d.sampled.filter((s) => labelOf(s) !== undefined).length,
        sampledPositive: d.sampled.filter((s) => labelOf(s) === 1).length,
      })),
    );
    expect(past.map((d) => d.day).at(-1)).toBe(dayName(today0 - DAY));
    const perDay = past.map((d) => d.alerted.length);
    expect(live.openedPerDay).toEqual({
      median: medianOf(perDay),
      mean: perDay.reduce((a, b) => a + b, 0) / perDay.length,
      min: 0,
      max: 15,
      lastDay: ALERTED[0],
    });
    expect(live.today).toBe(TODAY_ALERTED);
    const alerted = opened.flatMap((d) => d.alerted);
    const sampled = opened.flatMap((d) => d.sampled);
    const positives = alerted.filter((s) => labelOf(s) === 1).length;
    const concludedAlerted = alerted.filter((s) => labelOf(s) !== undefined).length;
    expect(concludedAlerted).toBe(ALERTED[9]! + ALERTED[8]! + ALERTED[7]! + ALERTED[6]!);
    expect(live.totals).toEqual({
      opened: alerted.length,
      concluded: concludedAlerted,
      positive: positives,
      notConcluded: alerted.length - concludedAlerted,
      sampled: sampled.length,
      sampledConcluded: 2,
      sampledPositive: 1,
    });
    expect(sampled.length).toBeGreaterThan(20);
    expect(live.precision.value).toBe(positives / concludedAlerted);

    // Median 10 against a capacity of 8: 25% over.
    expect(medianOf(perDay)).toBe(10);
    const codes = live.findings.map((f: { code: string }) => f.code);
    expect(live.findings[0]).toMatchObject({
      code: 'LIVE_OVER_CAPACITY',
      severity: 'warning',
      message: `opening 10 cases a day (median of 10 days), 25% over the capacity of 8: the queue grows; a higher threshold sends fewer`,
    });
    expect(codes[1]).toMatch(/^LIVE_ALERTS_(ABOVE|BELOW|AS)_EXPECTED$/);
    expect(live.findings[1]).toMatchObject({ value: 10, threshold: report.perDay.alerts });
    expect(live.findings[2]).toMatchObject({
      value: positives / concludedAlerted,
      threshold: report.at.precision,
    });
    expect(codes[2]).toMatch(/^LIVE_PRECISION_(ABOVE|BELOW|AS)_EXPECTED$/);

    // A capacity question picks another threshold; the live side still compares with the one in force.
    const picked = await json(['threshold', '--capacity', '8', '--daily-volume', '1000']);
    expect(picked.at.threshold).not.toBe(THRESHOLD);
    expect(picked.live).toEqual(live);

    const text = await run(['threshold', '--threshold', '0.5', '--daily-volume', '1000']);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain(
      `\nlive: the cases version 1 opened since its alert threshold was set, ${setAt} (10 complete UTC days):\n`,
    );
    expect(text.out).toContain(
      `  10 alerted cases a day (median; mean ${(96 / 10).toFixed(1)}, from 0 to 15), 10 on ${dayName(today0 - DAY)}, 4 today so far\n`,
    );
    expect(text.out).toContain(
      `  concluded ${concludedAlerted} of the ${alerted.length} alerted, ${positives} laundering: live precision ${(positives / concludedAlerted).toFixed(4)}`,
    );
    expect(text.out).toContain(
      `  sampled below the threshold (counted apart): ${sampled.length} cases, 2 concluded, 1 laundering`,
    );
    expect(text.out).toContain(
      '  warning: opening 10 cases a day (median of 10 days), 25% over the capacity of 8',
    );
  });

  it('GET …/threshold answers the same live side when the server keeps the cases', async () => {
    const artifacts = openArtifactStore(pathToFileURL(join(home, 'artifacts')).href);
    const stores = await openSqlStores(url, {
      artifactRoot: artifacts.rootUri,
      openArtifacts: (uri) => openArtifactStore(uri),
    });
    const cases = await openCaseStore(url);
    const app = Fastify();
    await app.register(platformApi, {
      stores: { tracking: stores.tracking, registry: stores.registry, artifacts },
      cases,
    });
    try {
      const cli = await json(['threshold', '--capacity', '8', '--daily-volume', '1000']);
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/models/${NAME}/versions/production/threshold?capacity=8&dailyVolume=1000`,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual(cli);
      expect(res.json().live.totals.opened).toBe(96 + TODAY_ALERTED);
    } finally {
      await app.close();
    }
    // A server with the team's budget configured uses it when the query gives none.
    const configured = Fastify();
    await configured.register(platformApi, {
      stores: { tracking: stores.tracking, registry: stores.registry, artifacts },
      cases,
      caseSettings: {
        conclusions: { negative: 'CLOSED_NO_ROI', positives: ['REPORTED_TO_AUTHORITY'] },
        modelName: NAME,
        capacityPerDay: 8,
        dailyVolume: 1000,
      },
    });
    try {
      const res = await configured.inject({
        method: 'GET',
        url: `/api/v1/models/${NAME}/versions/production/threshold`,
      });
      expect(res.statusCode, res.body).toBe(200);
      // The version's own threshold, per day at the configured volume; the live side against the configured capacity.
      expect(res.json().request).toMatchObject({ threshold: THRESHOLD, dailyVolume: 1000 });
      expect(res.json().live.promised).toMatchObject({ capacity: 8, alertsPerDay: expect.any(Number) });
    } finally {
      await configured.close();
      await cases.close();
      await stores.close();
    }
  });
});
