import type { Config } from '../config/index.js';
import type { SearchProgress } from '../core/search/index.js';
import type { FlowRegistry } from '../pipelines/flow-registry.js';
import { registeredFlows } from '../pipelines/registered-flows.js';
import { trainFlowDefinition } from '../pipelines/train/train-flow-definition.js';
import { type OpenTrainFlowDeps, openTrainFlowDeps } from './train-flow-deps.js';

/** The flows of this process, with what they hold open. */
export interface ProcessFlows {
  readonly flows: FlowRegistry;
  close(): Promise<void>;
}

/**
 * The flows a process runs (`train`, …) for a configuration. The stores and threads a flow needs
 * are opened on its first run, not before, and closed with `close()`.
 *
 * @example
 * const { flows, close } = processFlows(config, process.cwd());
 */
export function processFlows(
  config: Config,
  cwd: string,
  options: { onCandidate?: (progress: SearchProgress) => void } = {},
): ProcessFlows {
  let opened: Promise<OpenTrainFlowDeps> | undefined;
  const train = trainFlowDefinition(config, async () => {
    opened ??= openTrainFlowDeps(config, cwd, options);
    return (await opened).deps;
  });
  return {
    flows: registeredFlows([train]),
    async close() {
      if (opened) await (await opened).close();
    },
  };
}
