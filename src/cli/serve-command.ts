import { createRequire } from 'node:module';
import { Command } from 'commander';
import { checkServerAccess } from './check-server-access.js';
import type { CliContext } from './cli-context.js';
import type { CliRuntime } from './cli-runtime.js';

interface ServeFlags {
  readonly host?: string;
  readonly port?: string;
  readonly workers?: string;
}

/**
 * `amlops serve [--host H] [--port P] [--workers N]`: the scoring API (`/predict`, `/invocations`,
 * Open Inference Protocol v2, `/metrics`, `/feedback`) for the production alias of `model.name`,
 * following promotions; one process per core by default; SIGTERM drains requests in flight.
 */
export function serveCommand(context: CliContext, runtime: Pick<CliRuntime, 'serve'>): Command {
  const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };
  return new Command('serve')
    .description('serve live scores of the production model (follows promotions; drains on SIGTERM)')
    .option('--host <host>', 'address to listen on (setting server.host, env AMLOPS_HOST)')
    .option('--port <port>', 'port to listen on, 0 for any free port (setting server.port, env AMLOPS_PORT)')
    .option(
      '--workers <n>',
      'processes, 0 for one per core (setting server.workers, env AMLOPS_SERVER_WORKERS)',
    )
    .action(async (flags: ServeFlags, command: Command) => {
      const { config } = context.config(command, {
        'server.host': flags.host,
        'server.port': flags.port,
        'server.workers': flags.workers,
      });
      await checkServerAccess(config, context.io.cwd);
      await runtime.serve(config, {
        cwd: context.io.cwd,
        version,
        onListening: (url, workers) =>
          context.io.stderr(
            `amlops scoring API on ${url} (${workers} worker${workers > 1 ? 's' : ''}); SIGTERM to stop\n`,
          ),
      });
    });
}
