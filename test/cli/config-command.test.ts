import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { COMMANDS } from '../../src/main/commands.js';

const run = async (args: string[], env: Record<string, string> = {}) => {
  const io = memoryIo({ env });
  const code = await runCli(['node', 'amlops', ...args], io, COMMANDS, '0.0.0-test');
  return { code, out: io.out.join(''), err: io.err.join('') };
};

describe('amlops config', () => {
  it("--json shows the original's defaults", async () => {
    const { code, out } = await run(['config', '--json']);
    expect(code).toBe(0);
    const config = JSON.parse(out);
    expect(config.data.targetColumn).toBe('conclusion');
    expect(config.data.negativeValue).toBe('CLOSED_NO_ROI');
    expect(config.split.testSize).toBe(0.3);
    expect(config.model.name).toBe('consumers-laundering-model');
    expect(config.alerts.minTestRocAuc).toBe(0.89);
  });

  it('prints each value with its source, secrets redacted', async () => {
    const { code, out } = await run(['config'], {
      DATABASE_URL: 'postgres://u:pw@h/db',
      AMLOPS_PORT: '9000',
    });
    expect(code).toBe(0);
    expect(out).toMatch(/server\.port\s+9000\s+\(env\)/);
    expect(out).not.toContain(':pw@');
  });

  it('exits 78 with the setting named when the configuration is invalid', async () => {
    const { code, err } = await run(['config'], { AMLOPS_PROMOTION_POLICY: 'sometimes' });
    expect(code).toBe(78);
    expect(err).toContain('CONFIG_INVALID');
    expect(err).toContain('promotion.policy');
  });

  it('exits 64 on an unknown command or option', async () => {
    expect((await run(['no-such-command'])).code).toBe(64);
    expect((await run(['config', '--no-such-flag'])).code).toBe(64);
  });
});
