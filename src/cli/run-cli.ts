import { Command, CommanderError } from 'commander';
import { EXIT, isAmlopsError } from '../core/errors/index.js';
import { CliContext } from './cli-context.js';
import type { CliIo } from './cli-io.js';

/** A command factory: each file in src/cli exports one. */
export type CommandFactory = (context: CliContext) => Command;

/** Builds the `amlops` program from its commands, with the global options every command reads. */
export function buildProgram(
  context: CliContext,
  commands: readonly CommandFactory[],
  version: string,
): Command {
  const program = new Command('amlops')
    .description('money-laundering risk scoring and its model lifecycle')
    .version(version)
    .option('--config <file>', 'configuration file (default: ./amlops.config.json when present)')
    .option('--home <dir>', 'directory of all local state (setting home, env AMLOPS_HOME)')
    .option('-q, --quiet', 'no progress bars')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => context.io.stdout(s), writeErr: (s) => context.io.stderr(s) })
    .exitOverride();
  for (const make of commands) {
    const command = make(context);
    applyToTree(command, context);
    program.addCommand(command);
  }
  return program;
}

/** Routes errors and output of a command and all its subcommands through the CLI's boundary. */
function applyToTree(command: Command, context: CliContext): void {
  command.exitOverride();
  command.configureOutput({ writeOut: (s) => context.io.stdout(s), writeErr: (s) => context.io.stderr(s) });
  command.showHelpAfterError('(run with --help for usage)');
  for (const sub of command.commands) applyToTree(sub, context);
}

/**
 * The CLI's error boundary: runs the program and turns every outcome into an exit code.
 * `AmlopsError`s print their code and message (and details as JSON with `--json`); anything else
 * is a bug, printed with its stack so that it can be reported.
 *
 * @example
 * const code = await runCli(['node', 'amlops', 'config', '--json'], processIo(), commands, '0.1.0');
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  commands: readonly CommandFactory[],
  version: string,
): Promise<number> {
  const context = new CliContext(io);
  const program = buildProgram(context, commands, version);
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      if (error.code === 'commander.help' || error.code === 'commander.executeSubCommandAsync') return 0;
      return EXIT.usage;
    }
    const wantsJson = argv.includes('--json');
    if (isAmlopsError(error)) {
      if (wantsJson) io.stderr(`${JSON.stringify({ error: error.toJSON() }, null, 2)}\n`);
      else {
        io.stderr(`error ${error.code}: ${error.message}\n`);
        if (error.details !== undefined && typeof error.details === 'object')
          io.stderr(`${JSON.stringify(error.details, null, 2)}\n`);
      }
      return error.exitCode;
    }
    io.stderr(`internal error (a bug; please report it): ${(error as Error)?.stack ?? String(error)}\n`);
    return EXIT.software;
  }
}
