import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/adapters/sql/audit-open-log.js';
import { type CliIo, memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { COMMANDS } from '../../src/main/commands.js';
import type { ScoredCase } from '../../src/ports/audit-log.js';

const dir = mkdtempSync(join(tmpdir(), 'amlops-subject-'));
const run = async (args: string[], io: Partial<CliIo> = {}) => {
  const memory = memoryIo({ cwd: dir, env: { AMLOPS_HOME: join(dir, 'home') }, ...io });
  const code = await runCli(['node', 'amlops', ...args], memory, COMMANDS, '0.0.0-test');
  return { code, out: memory.out.join(''), err: memory.err.join('') };
};

const scored = (caseId: string, requestId: string, time: number): ScoredCase => ({
  requestId,
  row: 0,
  caseId,
  modelName: 'consumers-laundering-model',
  modelVersion: '1',
  inputs: { total_income_dollar_amount: 10, total_outcome_dollar_amount: 20, risk_pld: 'HIGH' },
  score: 0.25,
  time,
  caller: 'scorer',
  clientRequestId: null,
});

beforeAll(async () => {
  // The store is made by a first command; then cases are scored into its audit log.
  expect((await run(['predictions', 'list'], { osUser: 'ops' })).code).toBe(0);
  const log = await openAuditLog(`sqlite:${join(dir, 'home', 'amlops.db')}`);
  await log.append([
    scored('U-7', 'r1', 1_764_000_000_000),
    scored('U-7', 'r2', 1_764_000_001_000),
    scored('U-8', 'r3', 1_764_000_002_000),
  ]);
  await log.close();
  expect(
    (await run(['predictions', 'conclude', 'U-7', '--conclusion', 'CLOSED_WITH_ROI'], { osUser: 'ana' }))
      .code,
  ).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a subject's data", () => {
  it("exports a subject's cases and conclusions as one JSON document, by the OS user when AMLOPS_USER is unset", async () => {
    const exported = await run(['predictions', 'export', '--subject', 'U-7', '--output', 'u7.json'], {
      osUser: 'dpo',
    });
    expect(exported.code, exported.err).toBe(0);
    expect(exported.out).toBe('wrote 2 scored cases and 1 conclusions about U-7 to u7.json\n');
    const document = JSON.parse(readFileSync(join(dir, 'u7.json'), 'utf8'));
    expect(document).toMatchObject({ subject: 'U-7', exportedBy: 'dpo' });
    expect(document.cases.map((c: { requestId: string }) => c.requestId)).toEqual(['r1', 'r2']);
    expect(document.conclusions).toEqual([
      expect.objectContaining({
        caseId: 'U-7',
        conclusion: 'CLOSED_WITH_ROI',
        analyst: 'ana',
        requestId: 'r2',
      }),
    ]);
    const filtered = await run([
      'predictions',
      'export',
      '--subject',
      'U-7',
      '--model',
      'x',
      '--output',
      'a.json',
    ]);
    expect(filtered.err).toContain(
      'error USAGE: --subject exports everything about the subject: it takes no other filter',
    );
    const csv = await run(['predictions', 'export', '--subject', 'U-7', '--output', 'a.csv']);
    expect(csv.err).toContain('--output must end with .json');
  });

  it('erases only after asking (or with --yes), records who erased how many, and keeps the others', async () => {
    const unasked = await run(['predictions', 'erase', '--subject', 'U-7'], { osUser: 'dpo' });
    expect(unasked.code).toBe(64);
    expect(unasked.err).toContain('pass --yes to erase 2 scored cases and 1 conclusions about U-7');
    const declined = await run(['predictions', 'erase', '--subject', 'U-7'], {
      osUser: 'dpo',
      ask: async () => 'n',
    });
    expect(declined.out).toBe('nothing erased\n');
    const erased = await run(['predictions', 'erase', '--subject', 'U-7', '--yes', '--json'], {
      osUser: 'dpo',
    });
    expect(erased.code, erased.err).toBe(0);
    expect(JSON.parse(erased.out)).toMatchObject({ by: 'dpo', cases: 2, conclusions: 1 });
    const left = JSON.parse((await run(['predictions', 'list', '--json'])).out);
    expect(left.map((c: { caseId: string }) => c.caseId)).toEqual(['U-8']);
    const erasures = await run(['predictions', 'erasures']);
    expect(erasures.out).toMatch(/^ERASED\s+BY\s+CASES\s+CONCLUSIONS\s+SUBJECT SHA-256$/m);
    expect(erasures.out).toMatch(/\s+dpo\s+2\s+1\s+[0-9a-f]{64}$/m);
    expect(erasures.out).not.toContain('U-7');
  });
});
