import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { CliContext } from '../../src/cli/cli-context.js';
import { memoryIo } from '../../src/cli/cli-io.js';
import type { LazyCommand } from '../../src/cli/lazy-command.js';
import { runCli } from '../../src/cli/run-cli.js';
import { COMMANDS } from '../../src/main/commands.js';

/** Lazy commands `names`, each printing `ran <name>`, and the names loaded so far, in order. */
function recordedCommands(...names: string[]): { commands: LazyCommand[]; loaded: string[] } {
  const loaded: string[] = [];
  const commands = names.map((name) => ({
    name,
    load: async () => {
      loaded.push(name);
      return (context: CliContext) =>
        new Command(name).description(`the ${name} command`).action(() => context.io.stdout(`ran ${name}\n`));
    },
  }));
  return { commands, loaded };
}

const run = async (commands: readonly LazyCommand[], ...args: string[]) => {
  const io = memoryIo();
  const code = await runCli(['node', 'amlops', ...args], io, commands, '0.0.0-test');
  return { code, out: io.out.join(''), err: io.err.join('') };
};

describe('each command is imported when it runs', () => {
  it("names every command of the CLI as its factory does, so that `amlops <name>` imports that command's module", async () => {
    const context = new CliContext(memoryIo());
    const built = await Promise.all(COMMANDS.map(async (command) => (await command.load())(context).name()));
    expect(built).toEqual(COMMANDS.map((command) => command.name));
  });

  it('imports only the command the line names, never taking an option value for the command', async () => {
    const { commands, loaded } = recordedCommands('cases', 'train', 'serve');
    expect(await run(commands, '--home', 'train', '-q', 'cases', '--json')).toMatchObject({
      code: 64,
      err: expect.stringContaining("unknown option '--json'"),
    });
    expect(await run(commands, '--config=serve', 'cases')).toMatchObject({ code: 0, out: 'ran cases\n' });
    expect(loaded).toEqual(['cases', 'cases']);
  });

  it('imports every command for help, for `help <command>` and for a mistyped name, which the error names', async () => {
    const { commands, loaded } = recordedCommands('cases', 'train');
    const help = await run(commands, '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/cases +the cases command\n +train +the train command/);
    expect((await run(commands, 'help', 'train')).out).toContain('the train command');
    expect(await run(commands, 'case')).toMatchObject({
      code: 64,
      err: "error USAGE: unknown command 'case'\n(Did you mean cases?) (run with --help for usage)\n",
    });
    expect(loaded).toEqual(['cases', 'train', 'cases', 'train', 'cases', 'train']);
  });
});
