import type { Config } from '../config/index.js';
import type { SearchProgress } from '../core/search/index.js';
import type { FlowRegistry } from '../pipelines/flow-registry.js';
import type { OpenPipelines } from '../pipelines/open-pipelines.js';
import type { ProcessFlows } from '../pipelines/process-flows.js';
import type { OpenTrainFlowDeps } from '../pipelines/train/open-train-flow-deps.js';

/**
 * What the CLI's commands start that is assembled by the composition root: the server, `amlops up`,
 * the pipeline services and the flows. src/main passes it in (the CLI never imports src/main), each
 * piece loaded when used, as they cost the other commands' start-up.
 *
 * @example
 * const commands = [(context: CliContext) => serveCommand(context, lazyCliRuntime)];
 */
export interface CliRuntime {
  /** `amlops up`: the embedded deployment, until SIGTERM. */
  up(
    config: Config,
    options: { cwd: string; version: string; report: (line: string) => void },
  ): Promise<void>;
  /** `amlops serve`: the scoring API, until SIGTERM. */
  serve(
    config: Config,
    options: { cwd: string; version: string; onListening: (url: string, workers: number) => void },
  ): Promise<void>;
  /** The flows of this process for a configuration; what they open is opened on their first run. */
  processFlows(
    config: Config,
    cwd: string,
    options?: { onCandidate?: (progress: SearchProgress) => void },
  ): Promise<ProcessFlows>;
  /** The pipeline services, with the pg-boss queue (`--queue`) or none (runs execute here). */
  openPipelines(
    config: Config,
    options: {
      cwd: string;
      flows: FlowRegistry;
      queue: 'none' | 'pg-boss';
      warn?: (message: string) => void;
    },
  ): Promise<OpenPipelines>;
  /** `amlops worker`: takes queued runs from pg-boss until `stop`. */
  runQueueWorker(
    config: Config,
    options: { cwd: string; flows: FlowRegistry; concurrency: number; warn?: (message: string) => void },
  ): Promise<OpenPipelines & { stop(): Promise<void> }>;
  /** What the training flow needs, for a dry run that records nothing. */
  openTrainFlowDeps(
    config: Config,
    cwd: string,
    options?: { onCandidate?: (progress: SearchProgress) => void },
  ): Promise<OpenTrainFlowDeps>;
}
