import { configCommand } from '../cli/config-command.js';
import { generateCommand } from '../cli/generate-command.js';
import type { CommandFactory } from '../cli/run-cli.js';
import { validateCommand } from '../cli/validate-command.js';

/** Every command of the `amlops` CLI, in the order `--help` lists them. */
export const COMMANDS: readonly CommandFactory[] = [configCommand, validateCommand, generateCommand];
