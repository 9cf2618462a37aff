import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { CliContext } from '../../src/cli/cli-context.js';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { COMMANDS } from '../../src/main/commands.js';

const run = async (...args: string[]) => {
  const io = memoryIo({ env: { AMLOPS_HOME: '/nonexistent-amlops-home' } });
  const code = await runCli(['node', 'amlops', ...args], io, COMMANDS, '0.0.0-test');
  return { code, out: io.out.join(''), err: io.err.join('') };
};

/** Every command path of the CLI, subcommands included: ['models', 'list'], … */
async function commandPaths(): Promise<string[][]> {
  const context = new CliContext(memoryIo());
  const walk = (command: Command, path: string[]): string[][] =>
    command.commands.length === 0
      ? [[...path, command.name()]]
      : command.commands.flatMap((sub) => walk(sub, [...path, command.name()]));
  const factories = await Promise.all(COMMANDS.map((command) => command.load()));
  return factories.flatMap((make) => walk(make(context), []));
}

const COMMAND_PATHS = await commandPaths();

describe("the command-line parser's errors go through the CLI's error boundary", () => {
  it.each(COMMAND_PATHS.map((path) => [path.join(' '), path]))(
    '%s: a wrong call (an unknown option, or a required one missing) is `error USAGE: …`, exit 64, in JSON with --json',
    async (_name, path) => {
      const plain = await run(...(path as string[]), '--no-such-option');
      expect(plain.code).toBe(64);
      expect(plain.err).toMatch(
        /^error USAGE: (unknown option '--no-such-option'|required option '.+' not specified|missing required argument '.+') \(run with --help for usage\)\n$/,
      );
      const json = await run(...(path as string[]), '--no-such-option', '--json');
      expect(json.code).toBe(64);
      expect(JSON.parse(json.err)).toEqual({
        error: { code: 'USAGE', message: expect.stringMatching(/\(run with --help for usage\)$/) },
      });
    },
  );

  it('says so for an unknown command and a missing required option, the same way', async () => {
    expect(await run('drift')).toMatchObject({
      code: 64,
      err: "error USAGE: unknown command 'drift' (run with --help for usage)\n",
    });
    expect(await run('alerts', 'silence', 'live-data-drift', '--for', '1h')).toMatchObject({
      code: 64,
      err: "error USAGE: required option '--reason <text>' not specified (run with --help for usage)\n",
    });
    expect((await run('--help')).code).toBe(0);
    expect((await run('--version')).out).toBe('0.0.0-test\n');
  });
});
