import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A server under test: where it answers and how to read its processes. */
export interface ServerSide {
  readonly name: string;
  readonly url: string;
  readonly process: ChildProcess;
  /** Resident memory of each worker process, in MB. */
  workerRssMb(): number[];
  stop(): Promise<void>;
}

/** Resident memory of a process in MB, from /proc; 0 when it is gone. */
export function rssMb(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
    return line ? Number(line[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * The direct children of a process, from /proc (no process is started: sampling during a run must
 * not take CPU from the servers measured); `pgrep` where /proc does not list them.
 */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    try {
      return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  }
}

/** Waits until `url` answers a POST of `body` with 200. */
export async function waitUntilServing(url: string, body: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not start serving within ${timeoutMs} ms`);
}

/** Starts a command in its own process group, so that it and its workers can be stopped together. */
export function startSide(
  name: string,
  url: string,
  command: string,
  args: readonly string[],
  env: Record<string, string>,
): ServerSide {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  return {
    name,
    url,
    process: child,
    workerRssMb: () => childPids(child.pid!).map(rssMb),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        try {
          process.kill(-child.pid!, 'SIGTERM');
        } catch {
          resolve();
        }
      }),
  };
}

/**
 * Waits until the audit records are written: `/metrics` reports no backlog in the spool folder as its
 * writer sees it eight times in a row, or 120 s have passed. (`amlops_audit_backlog_bytes`, the
 * serving processes' own count, holds each one's current spool file until it is rotated, written or
 * not: it does not fall to 0 when the writer has caught up.)
 */
export async function waitForAuditToDrain(metricsUrl: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  let quiet = 0;
  while (quiet < 8 && Date.now() < deadline) {
    const text = await (await fetch(metricsUrl)).text();
    const written = /^amlops_audit_spool_backlog_bytes 0$/m.test(text);
    quiet = written ? quiet + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
