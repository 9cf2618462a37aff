import type { FlowRegistry } from './flow-registry.js';

/** The flows of a process (`train`, `monitor`), with what they hold open once run. */
export interface ProcessFlows {
  readonly flows: FlowRegistry;
  close(): Promise<void>;
}
