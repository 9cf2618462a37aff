import { Command } from 'commander';
import { AmlopsError } from '../core/errors/index.js';
import type { FlowRegistry } from '../pipelines/flow-registry.js';
import type { CliContext } from './cli-context.js';
import type { CliRuntime } from './cli-runtime.js';

/**
 * `amlops worker [--concurrency N]`: runs queued flows from the pg-boss queue of the PostgreSQL
 * store until SIGINT or SIGTERM (a second signal exits at once; its runs are then marked Crashed
 * and picked up by another worker). Needs `DATABASE_URL=postgres://…`.
 *
 * @example
 * // DATABASE_URL=postgres://amlops@db/amlops amlops worker --concurrency 2
 * const commands = [(context: CliContext) => workerCommand(context, lazyCliRuntime)];
 */
export function workerCommand(
  context: CliContext,
  runtime: Pick<CliRuntime, 'processFlows' | 'runQueueWorker'>,
  flows?: FlowRegistry,
): Command {
  return new Command('worker')
    .description(
      'run queued pipeline runs from the PostgreSQL store (DATABASE_URL=postgres://…), any number of them on any machine',
    )
    .option('--concurrency <n>', 'runs executed at once by this worker', '1')
    .action(async (options: { concurrency: string }, command: Command) => {
      const concurrency = Number(options.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256)
        throw new AmlopsError(
          'USAGE',
          `--concurrency must be an integer from 1 to 256; got ${options.concurrency}`,
        );
      const { config } = context.config(command);
      if (!/^postgres(ql)?:\/\//i.test(config['store.databaseUrl']))
        throw new AmlopsError(
          'QUEUE_UNAVAILABLE',
          'amlops worker needs the PostgreSQL store: set DATABASE_URL=postgres://… (the same for every worker and for `amlops pipelines run --queue`); the embedded SQLite deployment runs pipelines in `amlops up`',
        );
      const owned = flows ? undefined : await runtime.processFlows(config, context.io.cwd);
      const workerFlows = flows ?? owned!.flows;
      const worker = await runtime.runQueueWorker(config, {
        cwd: context.io.cwd,
        flows: workerFlows,
        concurrency,
        warn: (message) => context.io.stderr(`warning: ${message}\n`),
      });
      context.io.stderr(
        `worker ${worker.deps.worker} taking pipeline runs (flows: ${workerFlows.names().join(', ') || 'none'}; concurrency ${concurrency}); Ctrl-C stops it after its runs end\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.once('SIGINT', () => process.exit(130));
          process.once('SIGTERM', () => process.exit(143));
          resolve();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      context.io.stderr('worker stopping: waiting for its runs to end\n');
      await worker.stop();
      await owned?.close();
    });
}
