import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { COMMANDS } from '../../src/main/commands.js';

const dir = mkdtempSync(join(tmpdir(), 'amlops-keys-'));
const run = async (args: string[], env: Record<string, string> = { AMLOPS_USER: 'alice' }) => {
  const io = memoryIo({ cwd: dir, env: { AMLOPS_HOME: join(dir, 'home'), ...env } });
  const code = await runCli(['node', 'amlops', ...args], io, COMMANDS, '0.0.0-test');
  return { code, out: io.out.join(''), err: io.err.join('') };
};
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('amlops keys', () => {
  it('prints a new key once, keeps only its hash, lists and revokes keys by name', async () => {
    const made = await run([
      'keys',
      'create',
      '--name',
      'ci-bot',
      '--role',
      'write',
      '--expires',
      '2099-01-01',
    ]);
    expect(made.code, made.err).toBe(0);
    const key = made.out.split('\n')[0]!;
    expect(key).toMatch(/^amlops_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(made.out).toContain(
      "API key 'ci-bot' (role write, expires 2099-01-01T00:00:00.000Z) made; it is shown only now",
    );
    const secret = key.split('_').slice(2).join('_');
    expect(readFileSync(join(dir, 'home', 'amlops.db')).includes(Buffer.from(secret))).toBe(false);

    const listed = await run(['keys', 'list']);
    expect(listed.out).toMatch(/^NAME\s+ROLE\s+CREATED\s+BY\s+EXPIRES\s+REVOKED$/m);
    expect(listed.out).toMatch(/^ci-bot\s+write\s+\S+ \S+\s+alice\s+2099-01-01 00:00:00\s+-$/m);
    expect(listed.out).not.toContain(secret);
    const json = JSON.parse((await run(['keys', 'list', '--json'])).out);
    expect(json).toEqual([expect.objectContaining({ name: 'ci-bot', role: 'write', createdBy: 'alice' })]);
    expect(JSON.stringify(json)).not.toContain(secret);

    const revoked = await run(['keys', 'revoke', 'ci-bot'], { AMLOPS_USER: 'bob' });
    expect(revoked.code, revoked.err).toBe(0);
    expect(revoked.out).toMatch(/^API key 'ci-bot' revoked by bob at \d{4}-/);
    expect((await run(['keys', 'list'])).out).toMatch(/^ci-bot\s+write\s+.*\s+by bob$/m);
  });

  it('names what is wrong: role, expiry, name, a taken name, an unknown key', async () => {
    const role = await run(['keys', 'create', '--name', 'x', '--role', 'root']);
    expect(role.code).toBe(64);
    expect(role.err).toContain('error USAGE: --role must be one of read, score, write, admin; got "root"');
    const date = await run(['keys', 'create', '--name', 'x', '--role', 'read', '--expires', 'soon']);
    expect(date.err).toContain('--expires must be an ISO date or time');
    const past = await run(['keys', 'create', '--name', 'x', '--role', 'read', '--expires', '2020-01-01']);
    expect(past.err).toContain("error USAGE: an API key's expiry must be in the future");
    const name = await run(['keys', 'create', '--name', 'has space', '--role', 'read']);
    expect(name.err).toContain("error USAGE: an API key's name is 1 to 64 letters");
    expect((await run(['keys', 'create', '--name', 'dup', '--role', 'read'])).code).toBe(0);
    const taken = await run(['keys', 'create', '--name', 'dup', '--role', 'admin']);
    expect(taken.err).toContain("error RESOURCE_ALREADY_EXISTS: an API key named 'dup' exists already");
    const unknown = await run(['keys', 'revoke', 'nobody']);
    expect(unknown.code).toBe(66);
    expect(unknown.err).toContain("error NOT_FOUND: no API key is named 'nobody'");
  });
});
