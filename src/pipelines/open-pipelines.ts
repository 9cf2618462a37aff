import type { PipelineDeps } from './pipeline-deps.js';

/** Pipeline services opened from the configuration (store, flows, maybe a queue), and how to close what they hold. */
export interface OpenPipelines {
  readonly deps: PipelineDeps;
  readonly databaseUrl: string;
  close(): Promise<void>;
}
