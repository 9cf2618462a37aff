import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTable } from '../../src/adapters/data/write-table.js';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { resolveConfig } from '../../src/config/index.js';
import { generateCases } from '../../src/core/synthetic/index.js';
import { COMMANDS } from '../../src/main/commands.js';
import { startScoringProcess } from '../../src/main/server.js';

const dir = mkdtempSync(join(tmpdir(), 'amlops-case-ids-'));
const env = { AMLOPS_HOME: join(dir, 'home'), AMLOPS_LOG_LEVEL: 'silent' };
const run = async (args: string[], extra: Record<string, string> = {}) => {
  const io = memoryIo({ cwd: dir, env: { ...env, ...extra } });
  const code = await runCli(['node', 'amlops', ...args], io, COMMANDS, '0.0.0-test');
  return { code, out: io.out.join(''), err: io.err.join('') };
};

/** The generated cases without their case_id column: accounts named by user_id only. */
async function accountsFile(name: string, rows: number, seed: number): Promise<void> {
  await writeTable(join(dir, name), generateCases({ rows, seed }).frame);
  const lines = readFileSync(join(dir, name), 'utf8').trim().split('\n');
  expect(lines[0]!.startsWith('case_id,user_id,')).toBe(true);
  writeFileSync(join(dir, name), `${lines.map((line) => line.slice(line.indexOf(',') + 1)).join('\n')}\n`);
}

beforeAll(async () => {
  await accountsFile('accounts.csv', 4000, 31);
  const trained = await run([
    'train',
    '--data',
    'accounts.csv',
    '--params',
    '{"n_estimators":10,"max_depth":3}',
    '--promote',
  ]);
  expect(trained.code, trained.err).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('case ids end to end', () => {
  it('keeps the id column of training (user_id here) with each scored case, lists it, and takes it, or request#row, wherever a case is named', async () => {
    const { config } = resolveConfig({ env: { ...env, AMLOPS_PORT: '0' } });
    const server = await startScoringProcess(config, { cwd: dir, version: '0.0.0-test' });
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    let requestId: string;
    try {
      const predicted = await post('/predict', {
        user_id: ['U-1', 'U-2', 'U-3'],
        total_income_dollar_amount: [1000, 50, 9000],
        total_outcome_dollar_amount: [900, 20000, 10],
        risk_pld: ['LOW', 'HIGH', 'MEDIUM'],
      });
      expect(predicted.status).toBe(200);
      const answer = (await predicted.json()) as { warnings: unknown[]; request_id: string };
      expect(answer.warnings).toEqual([]); // user_id is the model's id column, not an extra column
      requestId = answer.request_id;
      const byId = await post('/feedback', {
        case_id: 'U-2',
        conclusion: 'REPORTED_TO_AUTHORITY',
        analyst: 'ana',
      });
      expect(byId.status, await byId.clone().text()).toBe(201);
      expect(((await byId.json()) as { feedback: unknown }).feedback).toMatchObject({
        case_id: 'U-2',
        request_id: requestId,
        row: 1,
        label: 1,
      });
      const byListing = await post('/feedback', { case_id: `${requestId}#0`, conclusion: 'CLOSED_NO_ROI' });
      expect(byListing.status, await byListing.clone().text()).toBe(201);
      expect(((await byListing.json()) as { feedback: unknown }).feedback).toMatchObject({
        case_id: 'U-1',
        row: 0,
        label: 0,
      });
      const unknown = await post('/feedback', { case_id: 'U-404', conclusion: 'CLOSED_NO_ROI' });
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as { error: { message: string } }).error.message).toBe(
        'no scored case with case id (or request#row) "U-404" in the audit log',
      );
    } finally {
      await server.shutdown();
    }

    const listed = await run(['predictions', 'list']);
    expect(listed.out).toContain(`${requestId}#2 (U-3)`);
    const listedJson = JSON.parse((await run(['predictions', 'list', '--json'])).out);
    expect(listedJson.map((c: { caseId: string }) => c.caseId).sort()).toEqual(['U-1', 'U-2', 'U-3']);

    const concluded = await run(
      ['predictions', 'conclude', `${requestId}#2`, '--conclusion', 'CLOSED_WITH_ROI'],
      {
        AMLOPS_USER: 'bob',
      },
    );
    expect(concluded.code, concluded.err).toBe(0);
    expect(concluded.out).toMatch(
      new RegExp(
        `^${requestId}#2 \\(U-3\\) concluded CLOSED_WITH_ROI \\(label 1\\) by bob; scored 0\\.\\d{6} by consumers-laundering-model/1$`,
        'm',
      ),
    );
    const byCaseId = await run([
      'predictions',
      'conclude',
      'U-1',
      '--conclusion',
      'CLOSED_NO_ROI',
      '--analyst',
      'ana',
      '--json',
    ]);
    expect(JSON.parse(byCaseId.out).feedback).toMatchObject({ caseId: 'U-1', label: 0, analyst: 'ana' });
    const missing = await run(['predictions', 'conclude', 'U-404', '--conclusion', 'CLOSED_NO_ROI']);
    expect(missing.code).toBe(66);
    expect(missing.err).toContain('error FEEDBACK_CASE_NOT_FOUND');

    const performance = JSON.parse((await run(['predictions', 'performance', '--json'])).out);
    // Three concluded cases (U-1 twice: its latest conclusion counts), two laundering.
    expect(performance).toEqual([expect.objectContaining({ modelVersion: '1', labelled: 3, positives: 2 })]);
  });

  it('refuses an id column the training data does not have, naming the setting', async () => {
    const trained = await run(['train', '--data', 'accounts.csv', '--params', '{"n_estimators":5}'], {
      AMLOPS_DATA_ID_COLUMN: 'account',
    });
    expect(trained.code).toBe(65);
    expect(trained.err).toContain(
      "the id column 'account' (setting data.idColumn) is not in the training data",
    );
  });
});
