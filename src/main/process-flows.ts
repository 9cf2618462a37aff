import type { Config } from '../config/index.js';
import type { SearchProgress } from '../core/search/index.js';
import { monitorFlowDefinition } from '../pipelines/monitor/monitor-flow-definition.js';
import type { ProcessFlows } from '../pipelines/process-flows.js';
import { registeredFlows } from '../pipelines/registered-flows.js';
import type { OpenTrainFlowDeps } from '../pipelines/train/open-train-flow-deps.js';
import { trainFlowDefinition } from '../pipelines/train/train-flow-definition.js';
import { type OpenMonitorFlowDeps, openMonitorFlowDeps } from './monitor-flow-deps.js';
import { openTrainFlowDeps } from './train-flow-deps.js';

/**
 * The flows a process runs (`train`, `monitor`) for a configuration. The stores and threads a flow needs
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
  let monitoring: Promise<OpenMonitorFlowDeps> | undefined;
  const monitor = monitorFlowDefinition(async () => {
    monitoring ??= openMonitorFlowDeps(config, cwd);
    return (await monitoring).deps;
  });
  return {
    flows: registeredFlows([train, monitor]),
    async close() {
      if (opened) await (await opened).close();
      if (monitoring) await (await monitoring).close();
    },
  };
}
