import { spawn } from 'node:child_process';
import { killedOnExit } from './cluster-process.js';

/** How a CLI command ended. */
export interface AmlopsResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** When the process exited (`performance.now()`), to time what follows a command. */
  readonly endedAt: number;
}

/**
 * Runs `node bin args` with `env` as the whole environment and resolves once it exited. Never
 * `spawnSync`: the cluster's S3 server and its fault proxy run in this process and must answer
 * the command meanwhile. A command still running after `timeoutMs` is killed.
 *
 * @example
 * const { code, stdout } = await runAmlops(cli.bin, ['models', 'versions', '--json'], env);
 */
export function runAmlops(
  bin: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  timeoutMs = 60_000,
): Promise<AmlopsResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    killedOnExit(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, endedAt: performance.now() });
    });
  });
}
