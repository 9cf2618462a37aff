import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTable } from '../../src/adapters/data/write-table.js';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { generateCases } from '../../src/core/synthetic/index.js';
import { COMMANDS } from '../../src/main/commands.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

let home: string;
let receiver: WebhookReceiver;
const run = async (args: string[], env: Record<string, string> = {}) => {
  const io = memoryIo({ env: { AMLOPS_HOME: home, USER: 'tester', ...env } });
  const code = await runCli(['node', 'amlops', ...args], io, COMMANDS, '0.0.0-test');
  return { code, out: io.out.join(''), err: io.err.join('') };
};
const file = (name: string) => join(home, name);

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'amlops-cli-report-'));
  receiver = await startWebhookReceiver();
  await writeTable(file('reference.csv'), generateCases({ rows: 3000, seed: 1 }).frame);
  await writeTable(file('current.csv'), generateCases({ rows: 2000, seed: 2, drift: 1 }).frame);
  await writeTable(file('calm.csv'), generateCases({ rows: 2000, seed: 3 }).frame);
});
afterAll(async () => {
  await receiver.close();
  await rm(home, { recursive: true, force: true });
});

describe('amlops report quality', () => {
  it('compares two files, prints the verdict and a line per column, stores the report and writes its HTML', async () => {
    const result = await run([
      'report',
      'quality',
      '--reference',
      file('reference.csv'),
      '--current',
      file('current.csv'),
      '--out',
      file('report.html'),
    ]);
    expect(result.code, result.err).toBe(0);
    // The amounts, the risk level and the alert dates (a column the configuration does not name, typed by looking).
    expect(result.out).toMatch(/DATASET DRIFT: \d of 4 columns drifted/);
    expect(result.out).toMatch(
      /^total_income_dollar_amount\s+numeric\s+Wasserstein distance \(normed\)\s+\d\.\d{4}\s+0\.1\s+DRIFT/m,
    );
    expect(result.out).toMatch(/^case_id \(other\)\s+text\s+not tested/m);
    const html = await readFile(file('report.html'), 'utf8');
    expect(html).toContain('<svg class="chart"');
    expect(html).not.toMatch(/<script|https?:\/\//);
    const id = /report (\S+);/.exec(result.out)?.[1];
    const shown = await run(['report', 'show', id!, '--json']);
    expect(JSON.parse(shown.out)).toMatchObject({ id, kind: 'files', datasetDrift: true });
    const listed = await run(['report', 'list', '--kind', 'files']);
    expect(listed.out).toContain(id);
  });

  it('finds no drift between two samples of one distribution', async () => {
    const result = await run([
      'report',
      'quality',
      '--reference',
      file('reference.csv'),
      '--current',
      file('calm.csv'),
      '--json',
    ]);
    expect(result.code, result.err).toBe(0);
    const report = JSON.parse(result.out);
    expect(report.drift).toMatchObject({ datasetDrift: false, columns: 4 });
    const drifted = (report.columns as { name: string; drift: { drifted: boolean } | null }[])
      .filter((c) => c.drift?.drifted)
      .map((c) => c.name);
    // 365 alert dates over 2000 rows: the Jensen-Shannon distance of so many small categories is large by chance alone.
    expect(drifted.filter((name) => name !== 'alert_date')).toEqual([]);
    expect(report.drift.target).toMatchObject({ stattest: 'jensenshannon', drifted: false });
  });

  it('turns files with other schemas and odd columns into findings, never a crash', async () => {
    await writeFile(
      file('odd-reference.csv'),
      'total_income_dollar_amount,risk_pld,extra,empty,same\n10,HIGH,1,,x\n20,LOW,2,,x\n30,LOW,3,,x\n',
    );
    await writeFile(
      file('odd-current.csv'),
      'total_income_dollar_amount,risk_pld,extra,empty,same,added\nabc,CRITICAL,one,,x,1\n25,,two,,x,2\n',
    );
    const result = await run([
      'report',
      'quality',
      '--reference',
      file('odd-reference.csv'),
      '--current',
      file('odd-current.csv'),
      '--json',
    ]);
    expect(result.code, result.err).toBe(0);
    const codes = (JSON.parse(result.out).findings as { code: string; path: string }[]).map(
      (f) => `${f.code} ${f.path}`,
    );
    expect(codes).toEqual(
      expect.arrayContaining([
        'NON_NUMERIC_VALUES total_income_dollar_amount',
        'NEW_CATEGORIES risk_pld',
        'COLUMN_KIND_DIFFERS extra',
        'COLUMN_ABSENT added',
        'EMPTY_COLUMN empty',
        'CONSTANT_COLUMN same',
      ]),
    );
  });

  it('reports an empty current file as a finding', async () => {
    await writeFile(
      file('header-only.csv'),
      'total_income_dollar_amount,total_outcome_dollar_amount,risk_pld,conclusion\n',
    );
    const result = await run([
      'report',
      'quality',
      '--reference',
      file('reference.csv'),
      '--current',
      file('header-only.csv'),
      '--json',
    ]);
    expect(result.code, result.err).toBe(0);
    const report = JSON.parse(result.out);
    expect(report.findings.map((f: { code: string }) => f.code)).toContain('EMPTY_DATASET');
    expect(report.drift).toMatchObject({ columns: 0, datasetDrift: false });
  });

  it('names a missing file and an unknown report', async () => {
    const missing = await run([
      'report',
      'quality',
      '--reference',
      file('nope.csv'),
      '--current',
      file('calm.csv'),
    ]);
    expect(missing.code).toBe(66);
    expect(missing.err).toMatch(/FILE_NOT_FOUND.*nope\.csv/);
    const unknown = await run(['report', 'show', 'no-such-report']);
    expect(unknown.code).toBe(66);
    expect(unknown.err).toContain('QUALITY_REPORT_NOT_FOUND');
    const kind = await run(['report', 'list', '--kind', 'weekly']);
    expect(kind.code).toBe(64);
  });
});

describe('amlops alerts', () => {
  it('lists the default rules, silences and acknowledges with who and why, and keeps the history', async () => {
    const list = await run(['alerts', 'list']);
    expect(list.code, list.err).toBe(0);
    expect(list.out).toMatch(/^test-roc-auc-low\s+critical\s+training\.test_roc_auc < 0\.89\s+ok/m);
    const silenced = await run([
      'alerts',
      'silence',
      'live-data-drift',
      '--for',
      '2h',
      '--reason',
      'known import',
    ]);
    expect(silenced.code, silenced.err).toBe(0);
    expect(silenced.out).toMatch(/live-data-drift silenced until .* by tester: known import/);
    const ack = await run(['alerts', 'ack', 'live-data-drift']);
    expect(ack.code).toBe(65);
    expect(ack.err).toContain('ALERT_NOT_ACTIVE');
    const history = await run(['alerts', 'history', '--json']);
    expect(JSON.parse(history.out)).toEqual([
      expect.objectContaining({ rule: 'live-data-drift', kind: 'silence', actor: 'tester' }),
    ]);
    const unknown = await run(['alerts', 'silence', 'nope', '--for', '1h', '--reason', 'x']);
    expect(unknown.code).toBe(66);
    expect(unknown.err).toContain('ALERT_RULE_UNKNOWN');
    const both = await run(['alerts', 'silence', 'live-data-drift', '--reason', 'x']);
    expect(both.code).toBe(64);
  });

  it('sends a test notification to the webhook and shows every attempt; fails with ALERT_DELIVERY_FAILED when it cannot', async () => {
    const sent = await run(['alerts', 'test'], { AMLOPS_ALERTS_WEBHOOK_URL: receiver.url });
    expect(sent.code, sent.err).toBe(0);
    expect(sent.out).toMatch(/attempt 1: ok 200/);
    expect(receiver.received.at(-1)!.body).toMatchObject({
      receiver: 'amlops',
      status: 'firing',
      alerts: [{ labels: { alertname: 'amlops-test' } }],
    });
    receiver.fallback = 400;
    const refused = await run(['alerts', 'test'], { AMLOPS_ALERTS_WEBHOOK_URL: receiver.url });
    expect(refused.code).toBe(69);
    expect(refused.err).toMatch(/ALERT_DELIVERY_FAILED.*HTTP 400/);
    receiver.fallback = 200;
    const none = await run(['alerts', 'test']);
    expect(none.code).toBe(64);
  });

  it('refuses an invalid rule in the configuration, naming the setting, the rule and the reason', async () => {
    const result = await run(['alerts', 'list'], {
      AMLOPS_ALERTS_RULES: JSON.stringify([
        { name: 'auc', metric: 'live.roc_auc', condition: '<', threshold: 0.89, minCases: -1 },
      ]),
    });
    expect(result.code).toBe(78);
    expect(result.err).toMatch(
      /CONFIG_INVALID.*alerts\.rules.*rule 'auc': "minCases" must be a non-negative integer/,
    );
  });
});
