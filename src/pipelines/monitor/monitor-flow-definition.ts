import { AmlopsError } from '../../core/errors/index.js';
import type { FlowDefinition } from '../flow-definition.js';
import type { FlowStep } from '../flow-step.js';
import { MONITOR_STEPS, monitorFlow } from './monitor-flow.js';
import type { MonitorFlowDeps } from './monitor-flow-deps.js';

/**
 * The `monitor` flow in the pipeline registry, so that `amlops up`'s schedule, `amlops pipelines run
 * monitor [--queue]` and workers run the same steps. It takes no parameters (its settings are
 * `monitoring.*` and `alerts.*`); its dependencies are opened on its first step.
 *
 * @example
 * registry.register(monitorFlowDefinition(() => openMonitorFlowDeps(config, cwd).then((o) => o.deps)));
 */
export function monitorFlowDefinition(openDeps: () => Promise<MonitorFlowDeps>): FlowDefinition {
  const checkParams = (json: Readonly<Record<string, unknown>>) => {
    const keys = Object.keys(json);
    if (keys.length > 0)
      throw new AmlopsError(
        'PIPELINE_PARAMS_INVALID',
        `the monitor flow takes no parameters (its settings are monitoring.* and alerts.*); got ${keys.join(', ')}`,
      );
  };
  return {
    name: 'monitor',
    description: 'live quality and drift report, live performance and service figures, alert rules',
    checkParams,
    steps: (json): FlowStep[] => {
      checkParams(json);
      let built: Promise<FlowStep[]> | undefined;
      const stepNamed = async (name: string): Promise<FlowStep> => {
        built ??= openDeps().then((deps) => monitorFlow(deps));
        return (await built).find((step) => step.name === name)!;
      };
      return MONITOR_STEPS.map((name) => ({
        name,
        retries: name === 'alerts' ? 2 : 1,
        retryDelayMs: 1000,
        run: async (context) => (await stepNamed(name)).run(context),
      }));
    },
  };
}
