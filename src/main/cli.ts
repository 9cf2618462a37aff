import { createRequire } from 'node:module';
import { processIo } from '../cli/cli-io.js';
import { runCli } from '../cli/run-cli.js';
import { COMMANDS } from './commands.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** Composition root of the `amlops` command. */
export async function main(argv: readonly string[]): Promise<void> {
  process.exitCode = await runCli(argv, processIo(), COMMANDS, version);
}
