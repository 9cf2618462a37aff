import { createRequire } from 'node:module';
import { Command } from 'commander';
import { checkServerAccess } from './check-server-access.js';
import type { CliContext } from './cli-context.js';
import type { CliRuntime } from './cli-runtime.js';

/**
 * `amlops up`: the embedded deployment in one command (store, demonstration data, a first model,
 * schedules, the APIs) on 127.0.0.1:8080 unless told otherwise.
 */
export function upCommand(context: CliContext, runtime: Pick<CliRuntime, 'up'>): Command {
  const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };
  return new Command('up')
    .description('start everything: store, demo data and a first model when empty, schedules, the APIs')
    .option('--host <host>', 'address to listen on (setting server.host, env AMLOPS_HOST)')
    .option('--port <port>', 'port to listen on (setting server.port, env AMLOPS_PORT)')
    .option('--workers <n>', 'scoring processes, 0 for one per core (setting server.workers)')
    .action(async (flags: { host?: string; port?: string; workers?: string }, command: Command) => {
      const { config } = context.config(command, {
        'server.host': flags.host,
        'server.port': flags.port,
        'server.workers': flags.workers,
      });
      await checkServerAccess(config, context.io.cwd);
      await runtime.up(config, {
        cwd: context.io.cwd,
        version,
        report: (line) => context.io.stderr(`${line}\n`),
      });
    });
}
