import { AmlopsError } from '../core/errors/index.js';
import type { FlowDefinition } from './flow-definition.js';

/**
 * The flows that can be run by name. Each process (CLI, `amlops up`, `amlops worker`) builds one;
 * a queued run is executed by a worker whose registry knows its flow.
 *
 * @example
 * const flows = new FlowRegistry().register({ name: 'hello', description: 'says hello', steps: () => [{ name: 'greet', run: async () => 'hello' }] });
 * flows.get('hello').steps({}, handle);
 */
export class FlowRegistry {
  readonly #flows = new Map<string, FlowDefinition>();

  /** Adds a flow; a second flow of the same name is a bug. */
  register(flow: FlowDefinition): this {
    if (this.#flows.has(flow.name)) throw new Error(`flow '${flow.name}' is registered twice`);
    this.#flows.set(flow.name, flow);
    return this;
  }

  /** The flow named `name`; PIPELINE_FLOW_UNKNOWN, listing the known ones, otherwise. */
  get(name: string): FlowDefinition {
    const flow = this.#flows.get(name);
    if (!flow)
      throw new AmlopsError(
        'PIPELINE_FLOW_UNKNOWN',
        `no flow named '${name}'; flows: ${this.names().join(', ') || '(none registered)'}`,
        { flow: name, flows: this.names() },
      );
    return flow;
  }

  names(): string[] {
    return [...this.#flows.keys()].sort();
  }

  list(): FlowDefinition[] {
    return this.names().map((name) => this.#flows.get(name)!);
  }
}
