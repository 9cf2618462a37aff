import { type ChildProcess, spawn } from 'node:child_process';

/** Every process the cluster tests started and that may still run: killed when the test process ends. */
const LIVE = new Set<ChildProcess>();
const killLive = () => {
  for (const child of LIVE) child.kill('SIGKILL');
};
process.once('exit', killLive);
// Vitest ends its worker processes with SIGTERM, which skips 'exit': kill them, then end as asked.
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => {
    killLive();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  });

/**
 * Counts `child` among the processes killed (SIGKILL) if the test process exits before it does,
 * so that a failed or interrupted test leaves no orphan.
 */
export function killedOnExit(child: ChildProcess): void {
  LIVE.add(child);
  child.once('exit', () => LIVE.delete(child));
}

/** A long-running process of the cluster (a worker, a replica, nginx) and its recent output. */
export interface ClusterProcess {
  readonly name: string;
  readonly pid: number;
  /** The last few kilobytes of its stdout and stderr, for failure messages. */
  output(): string;
  /** Resolves with the first match of `pattern` in its output; rejects when it exits first or after `timeoutMs`. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  /** Sends `signal`; resolves once the process has exited (its exit code, or the signal's name). */
  kill(signal: NodeJS.Signals): Promise<number | string>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<number | string>;
  readonly exited: Promise<number | string>;
}

/**
 * Starts `command args` with `env` as the whole environment, keeping its output. The process is
 * SIGKILLed when the test process exits, so that a failed or interrupted test leaves no orphan.
 *
 * @example
 * const worker = startClusterProcess('worker a', process.execPath, [bin, 'worker'], env);
 * await worker.waitForOutput(/taking pipeline runs/, 30_000);
 * await worker.stop();
 */
export function startClusterProcess(
  name: string,
  command: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): ClusterProcess {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  killedOnExit(child);
  let text = '';
  const listeners = new Set<() => void>();
  const append = (data: Buffer) => {
    text = (text + data.toString('utf8')).slice(-16_000);
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  let ended = false;
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      ended = true;
      resolve(code ?? signal ?? 'unknown');
      for (const listener of listeners) listener();
    });
    child.once('error', (error) => {
      ended = true;
      LIVE.delete(child);
      resolve('spawn error');
      append(Buffer.from(`\n${error.message}\n`));
    });
  });
  const hasExited = () => ended;
  const kill = async (signal: NodeJS.Signals) => {
    if (!hasExited()) child.kill(signal);
    return exited;
  };
  return {
    name,
    pid: child.pid ?? -1,
    output: () => text,
    exited,
    kill,
    waitForOutput(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(text);
          if (match) finish(() => resolve(match));
          else if (hasExited())
            finish(() => reject(new Error(`${name} exited before printing ${pattern}:\n${text}`)));
        };
        const timer = setTimeout(
          () =>
            finish(() => reject(new Error(`${name} printed no ${pattern} within ${timeoutMs} ms:\n${text}`))),
          timeoutMs,
        );
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
    async stop(graceMs = 15_000) {
      if (hasExited()) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
