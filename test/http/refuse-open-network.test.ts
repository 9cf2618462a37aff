import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { refuseOpenNetwork } from '../../src/http/auth/refuse-open-network.js';
import { COMMANDS } from '../../src/main/commands.js';

const dir = mkdtempSync(join(tmpdir(), 'amlops-open-network-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the secure default', () => {
  it('refuses an open server on a network address unless auth is on or the operator says so', () => {
    const open = { 'auth.mode': 'none', 'auth.allowOpenNetwork': false } as const;
    for (const host of ['127.0.0.1', '127.0.0.2', '::1', 'localhost'])
      expect(() => refuseOpenNetwork({ ...open, 'server.host': host })).not.toThrow();
    for (const host of ['0.0.0.0', '::', '10.1.2.3', 'scoring.internal'])
      expect(() => refuseOpenNetwork({ ...open, 'server.host': host }), host).toThrow(
        /reachable from the network/,
      );
    expect(() => refuseOpenNetwork({ ...open, 'server.host': '0.0.0.0', 'auth.mode': 'keys' })).not.toThrow();
    expect(() =>
      refuseOpenNetwork({ ...open, 'server.host': '0.0.0.0', 'auth.allowOpenNetwork': true }),
    ).not.toThrow();
  });

  it('amlops serve --host 0.0.0.0 with auth.mode none does not start, and says why and what to set', async () => {
    const io = memoryIo({ cwd: dir, env: { AMLOPS_HOME: join(dir, 'home') } });
    const code = await runCli(
      ['node', 'amlops', 'serve', '--host', '0.0.0.0', '--port', '0'],
      io,
      COMMANDS,
      't',
    );
    expect(code).toBe(78);
    expect(io.err.join('')).toContain(
      'error CONFIG_INVALID: server.host 0.0.0.0 is reachable from the network and auth.mode is none',
    );
    expect(io.err.join('')).toContain('auth.allowOpenNetwork=true');
  });

  it('amlops serve with auth.mode keys and no usable key does not start, and says how to make one', async () => {
    const io = memoryIo({ cwd: dir, env: { AMLOPS_HOME: join(dir, 'home'), AMLOPS_AUTH_MODE: 'keys' } });
    const code = await runCli(['node', 'amlops', 'serve', '--port', '0'], io, COMMANDS, 't');
    expect(code).toBe(78);
    expect(io.err.join('')).toContain(
      'error CONFIG_INVALID: auth.mode is keys but the store holds no API key that is neither revoked nor expired',
    );
    expect(io.err.join('')).toContain('amlops keys create --name NAME --role admin');
  });
});
