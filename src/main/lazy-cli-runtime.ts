import type { CliRuntime } from '../cli/cli-runtime.js';

/**
 * The CLI's runtime in this process: each piece is imported on its first use, so that `amlops
 * config` does not load Fastify, pg-boss or the flows.
 *
 * @example
 * await runCli(argv, io, [(context) => pipelinesCommand(context, lazyCliRuntime)], version);
 */
export const lazyCliRuntime: CliRuntime = {
  up: async (config, options) => (await import('./up.js')).up(config, options),
  serve: async (config, options) => (await import('./server.js')).serve(config, options),
  processFlows: async (config, cwd, options) =>
    (await import('./process-flows.js')).processFlows(config, cwd, options),
  openPipelines: async (config, options) => (await import('./worker.js')).openPipelines(config, options),
  runQueueWorker: async (config, options) => (await import('./worker.js')).runQueueWorker(config, options),
  openTrainFlowDeps: async (config, cwd, options) =>
    (await import('./train-flow-deps.js')).openTrainFlowDeps(config, cwd, options),
};
