import { Command, CommanderError } from 'commander';
import { AmlopsError, EXIT, isAmlopsError } from '../core/errors/index.js';
import { redactUrlsInText } from '../core/secrets/index.js';
import { CliContext } from './cli-context.js';
import type { CliIo } from './cli-io.js';
import { type CliCommand, commandsToBuild } from './lazy-command.js';

/** A command factory: each file in src/cli exports one. */
export type CommandFactory = (context: CliContext) => Command;

/** Builds the `amlops` program from its commands, with the global options every command reads. */
export function buildProgram(
  context: CliContext,
  commands: readonly CommandFactory[],
  version: string,
): Command {
  const program = withGlobalOptions(new Command('amlops'))
    .description('money-laundering risk scoring and its model lifecycle')
    .version(version)
    .configureOutput(cliOutput(context))
    .exitOverride();
  for (const make of commands) {
    const command = make(context);
    applyToTree(command, context);
    program.addCommand(command);
  }
  return program;
}

/** The options of `amlops` itself, which every command reads. */
function withGlobalOptions(program: Command): Command {
  return program
    .option('--config <file>', 'configuration file (default: ./amlops.config.json when present)')
    .option('--home <dir>', 'directory of all local state (setting home, env AMLOPS_HOME)')
    .option('-q, --quiet', 'no progress bars');
}

/**
 * The command `argv` names (`cases` in `amlops --home state cases list`), read with the program's
 * own options so that an option's value is never taken for it; undefined when it names none before
 * an option the program does not know, or when its options are wrong (the full parse reports that).
 */
function invokedCommand(argv: readonly string[]): string | undefined {
  const options = withGlobalOptions(new Command())
    .exitOverride()
    .configureOutput({ outputError: () => undefined });
  try {
    return options.parseOptions(argv.slice(2)).operands[0];
  } catch {
    return undefined;
  }
}

/** Routes errors and output of a command and all its subcommands through the CLI's boundary. */
function applyToTree(command: Command, context: CliContext): void {
  command.exitOverride();
  command.configureOutput(cliOutput(context));
  for (const sub of command.commands) applyToTree(sub, context);
}

/**
 * Where commander writes: help and version to the context's streams; its own errors nowhere, so
 * that they reach the error boundary (`runCli`) and print as every other error does.
 */
function cliOutput(context: CliContext) {
  return {
    writeOut: (s: string) => context.io.stdout(s),
    writeErr: (s: string) => context.io.stderr(s),
    outputError: () => undefined,
  };
}

/**
 * The CLI's error boundary: runs the program and turns every outcome into an exit code. Of the lazy
 * commands, only the one `argv` names is imported (all of them for help or a mistyped name).
 * `AmlopsError`s print their code and message (and details as JSON with `--json`); anything else
 * is a bug, printed with its stack so that it can be reported.
 *
 * @example
 * const code = await runCli(['node', 'amlops', 'config', '--json'], processIo(), commands, '0.1.0');
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  commands: readonly CliCommand[],
  version: string,
): Promise<number> {
  const context = new CliContext(io);
  try {
    const factories = await commandsToBuild(commands, invokedCommand(argv));
    await buildProgram(context, factories, version).parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      if (error.code === 'commander.help' || error.code === 'commander.executeSubCommandAsync') return 0;
      // The parser's own errors (an unknown command or option, a missing argument) in the same shape as the rest.
      const message = `${error.message.replace(/^error: /, '')} (run with --help for usage)`;
      return report(new AmlopsError('USAGE', message), argv, io);
    }
    if (isAmlopsError(error)) return report(error, argv, io);
    io.stderr(
      `internal error (a bug; please report it): ${redactUrlsInText((error as Error)?.stack ?? String(error))}\n`,
    );
    return EXIT.software;
  }
}

/**
 * Prints an error as the CLI does (`error CODE: message`, or its JSON with `--json`) and returns its
 * exit code. Any URL in it is printed redacted: a message quoting a URL it was given must not show
 * the URL's password.
 */
function report(error: AmlopsError, argv: readonly string[], io: CliIo): number {
  if (argv.includes('--json'))
    io.stderr(`${redactUrlsInText(JSON.stringify({ error: error.toJSON() }, null, 2))}\n`);
  else {
    io.stderr(`error ${error.code}: ${redactUrlsInText(error.message)}\n`);
    if (error.details !== undefined && typeof error.details === 'object')
      io.stderr(`${redactUrlsInText(JSON.stringify(error.details, null, 2))}\n`);
  }
  return error.exitCode;
}
