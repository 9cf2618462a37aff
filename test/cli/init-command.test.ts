import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { type CliIo, memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { COMMANDS } from '../../src/main/commands.js';

const dir = mkdtempSync(join(tmpdir(), 'amlops-init-'));
const configFile = join(dir, 'amlops.config.json');
const env = { AMLOPS_HOME: join(dir, 'home'), AMLOPS_LOG_LEVEL: 'silent' };
const run = async (args: string[], io: Partial<CliIo> = {}) => {
  const memory = memoryIo({ cwd: dir, env, ...io });
  const code = await runCli(['node', 'amlops', ...args], memory, COMMANDS, '0.0.0-test');
  return { code, out: memory.out.join(''), err: memory.err.join('') };
};
const written = () => JSON.parse(readFileSync(configFile, 'utf8'));

writeFileSync(
  join(dir, 'accounts.csv'),
  [
    'acct_id,sent_usd,received_usd,kyc_risk,is_sar',
    ...Array.from(
      { length: 300 },
      (_, i) =>
        `A${i},${(i * 37) % 900},${(i * 53) % 1300},${['low', 'medium', 'high'][i % 3]},${i % 10 === 0 ? 'yes' : 'no'}`,
    ),
  ].join('\n'),
);

beforeEach(() => rmSync(configFile, { force: true }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('amlops init', () => {
  it('proposes the roles with their reasons, writes them with --yes, and validate then accepts the file', async () => {
    const init = await run(['init', '--data', 'accounts.csv', '--yes']);
    expect(init.code, init.err).toBe(0);
    expect(init.out).toMatch(/data\.targetColumn\s+is_sar\s+its name; values no \(270\), yes \(30\)/);
    expect(init.out).toMatch(/data\.negativeValue\s+no\s+"no" reads as "no"/);
    expect(init.out).toMatch(/data\.incomeColumn\s+received_usd\s+its name reads as money received/);
    expect(init.out).toContain('wrote amlops.config.json');
    expect(init.out).toContain('amlops train --data accounts.csv');
    expect(written()).toEqual({
      data: {
        targetColumn: 'is_sar',
        negativeValue: 'no',
        positiveValues: ['yes'],
        idColumn: 'acct_id',
        numericColumns: ['sent_usd', 'received_usd'],
        incomeColumn: 'received_usd',
        outcomeColumn: 'sent_usd',
        categoricalColumns: ['kyc_risk'],
      },
    });
    const validate = await run(['validate', '--data', 'accounts.csv']);
    expect(validate.code, validate.out + validate.err).toBe(0);
    expect(validate.out).toContain('labels 270 negative / 30 positive');
  });

  it("keeps the file's other settings and moves dotted data keys into the nested shape", async () => {
    writeFileSync(
      configFile,
      JSON.stringify({
        split: { testSize: 0.25 },
        'data.targetColumn': 'conclusion',
        model: { name: 'aml' },
      }),
    );
    const init = await run(['init', '--data', 'accounts.csv', '--yes', '--json']);
    expect(init.code, init.err).toBe(0);
    expect(JSON.parse(init.out)).toMatchObject({ written: true, rows: 300, config: configFile });
    const file = written();
    expect(file.split).toEqual({ testSize: 0.25 });
    expect(file.model).toEqual({ name: 'aml' });
    expect(file['data.targetColumn']).toBeUndefined();
    expect(file.data.targetColumn).toBe('is_sar');
  });

  it('asks before writing on a terminal: no writes nothing, yes writes', async () => {
    const questions: string[] = [];
    const declined = await run(['init', '--data', 'accounts.csv'], {
      ask: async (q) => {
        questions.push(q);
        return 'n';
      },
    });
    expect(declined.code).toBe(0);
    expect(declined.out).toContain('nothing written');
    expect(existsSync(configFile)).toBe(false);
    const accepted = await run(['init', '--data', 'accounts.csv'], {
      ask: async (q) => {
        questions.push(q);
        return 'y';
      },
    });
    expect(accepted.code, accepted.err).toBe(0);
    expect(questions).toEqual([
      'Write the data settings in amlops.config.json? [y/N] ',
      'Write the data settings in amlops.config.json? [y/N] ',
    ]);
    expect(written().data.targetColumn).toBe('is_sar');
  });

  it('refuses to write unasked without a terminal, and names what to pass', async () => {
    const init = await run(['init', '--data', 'accounts.csv']);
    expect(init.code).toBe(64);
    expect(init.err).toContain('error USAGE: amlops init asks before writing amlops.config.json');
    expect(init.err).toContain('--yes');
    expect(existsSync(configFile)).toBe(false);
  });

  it('takes named roles, and refuses names that are not columns, values or numbers, listing what there is', async () => {
    const named = await run([
      'init',
      '--data',
      'accounts.csv',
      '--yes',
      '--id',
      '',
      '--income',
      'sent_usd',
      '--outcome',
      'received_usd',
    ]);
    expect(named.code, named.err).toBe(0);
    expect(written().data).toMatchObject({
      idColumn: '',
      incomeColumn: 'sent_usd',
      outcomeColumn: 'received_usd',
    });
    rmSync(configFile);

    const noColumn = await run(['init', '--data', 'accounts.csv', '--yes', '--target', 'sar_flag']);
    expect(noColumn.code).toBe(64);
    expect(noColumn.err).toContain(
      'error USAGE: --target "sar_flag" is not a column of accounts.csv; its columns are acct_id, sent_usd, received_usd, kyc_risk, is_sar',
    );
    const noValue = await run(['init', '--data', 'accounts.csv', '--yes', '--negative', 'NO']);
    expect(noValue.code).toBe(64);
    expect(noValue.err).toContain('--negative "NO" is not a value of is_sar; its values are no, yes');
    const notNumeric = await run(['init', '--data', 'accounts.csv', '--yes', '--income', 'kyc_risk']);
    expect(notNumeric.code).toBe(64);
    expect(notNumeric.err).toContain(
      'error USAGE: --income "kyc_risk" is not a numeric column of accounts.csv; its numeric columns are sent_usd, received_usd',
    );
    expect(existsSync(configFile)).toBe(false);
  });

  it('asks for --target when no column reads as a conclusion', async () => {
    writeFileSync(join(dir, 'unlabelled.csv'), 'a,b\n1,2\n3,4\n');
    const init = await run(['init', '--data', 'unlabelled.csv', '--yes']);
    expect(init.code).toBe(64);
    expect(init.err).toContain(
      "no column of unlabelled.csv reads as the analysts' conclusion; name it with --target",
    );
  });
});
