import type { FlowDefinition } from './flow-definition.js';
import { FlowRegistry } from './flow-registry.js';

/**
 * The flows a process knows (`amlops pipelines run NAME`, `amlops worker`, the schedules of
 * `amlops up`). Flows that need stores are built by the composition root (`src/main/process-flows.ts`)
 * and passed in.
 *
 * @example
 * registeredFlows([trainFlowDefinition(config, openDeps)]).names(); // ['train']
 */
export function registeredFlows(flows: readonly FlowDefinition[] = []): FlowRegistry {
  const registry = new FlowRegistry();
  for (const flow of flows) registry.register(flow);
  return registry;
}
