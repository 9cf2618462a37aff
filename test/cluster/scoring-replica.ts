import { type ClusterProcess, startClusterProcess } from './cluster-process.js';

/** One `amlops serve` replica at a fixed port, which a test may stop, kill and start again. */
export interface ScoringReplica {
  readonly name: string;
  readonly port: number;
  /** `http://127.0.0.1:PORT`, to query this replica directly rather than through nginx. */
  readonly url: string;
  /** The running process (undefined while stopped). */
  readonly process: ClusterProcess | undefined;
  /** Starts the replica; resolves once it listens. */
  start(): Promise<void>;
  /** SIGTERM (drain: stop accepting, finish in-flight requests), SIGKILL after 20 s; resolves once exited. */
  stop(): Promise<number | string>;
  /** Sends a signal and resolves once the process has exited. */
  kill(signal: NodeJS.Signals): Promise<number | string>;
}

/**
 * A scoring replica: `amlops serve --port PORT --workers 1` with `env` (the cluster's shared store
 * settings and a home directory of its own, as on a machine of its own).
 *
 * @example
 * const replica = scoringReplica('a', bin, 8081, env);
 * await replica.start();
 * await fetch(`${replica.url}/readyz`);
 */
export function scoringReplica(
  name: string,
  bin: string,
  port: number,
  env: Readonly<Record<string, string>>,
): ScoringReplica {
  let current: ClusterProcess | undefined;
  const ended = async (running: Promise<number | string>) => {
    const result = await running;
    current = undefined;
    return result;
  };
  return {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    get process() {
      return current;
    },
    async start() {
      if (current) throw new Error(`replica ${name} is already running`);
      current = startClusterProcess(
        `replica ${name}`,
        process.execPath,
        [bin, 'serve', '--host', '127.0.0.1', '--port', String(port), '--workers', '1'],
        env,
      );
      await current.waitForOutput(/amlops scoring API on http:\/\/\S+/, 60_000);
    },
    stop: () => (current ? ended(current.stop(20_000)) : Promise.resolve('not running')),
    kill: (signal) => (current ? ended(current.kill(signal)) : Promise.resolve('not running')),
  };
}
