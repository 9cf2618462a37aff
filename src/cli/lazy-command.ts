import type { CommandFactory } from './run-cli.js';

/**
 * A command whose module is imported only when the command runs: `amlops cases list` then reads the
 * cases command and what it imports, not every other command's code (training, GBDT, the server),
 * which Node would otherwise read and compile on each start-up (issue 17).
 *
 * @example
 * const cases: LazyCommand = {
 *   name: 'cases',
 *   load: async () => (await import('./cases-command.js')).casesCommand,
 * };
 */
export interface LazyCommand {
  /** The name its factory gives the command (`cases`): which one to import, known before any is. */
  readonly name: string;
  /** Imports the command's module and answers its factory. */
  load(): Promise<CommandFactory>;
}

/** A command of the CLI: its factory, or a `LazyCommand` imported when it runs. */
export type CliCommand = CommandFactory | LazyCommand;

/**
 * The factories to build the program from when the command line names the command `invoked`: every
 * factory given as one, and of the lazy commands only the one `invoked` names. When it names none
 * of them (no command, `help`, a mistyped name), all are loaded: help lists them and the parser's
 * error may suggest one.
 *
 * @example
 * await commandsToBuild(COMMANDS, 'cases'); // [casesCommand], importing the cases command alone
 */
export async function commandsToBuild(
  commands: readonly CliCommand[],
  invoked: string | undefined,
): Promise<CommandFactory[]> {
  const lazy = (command: CliCommand): command is LazyCommand => typeof command !== 'function';
  const named = commands.some((command) => lazy(command) && command.name === invoked);
  const wanted = commands.filter((command) => !lazy(command) || !named || command.name === invoked);
  return Promise.all(wanted.map((command) => (lazy(command) ? command.load() : command)));
}
