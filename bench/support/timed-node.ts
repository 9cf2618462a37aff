import { spawnSync } from 'node:child_process';

/**
 * Runs `node ARGS` in `cwd` to its end and times it, start-up included: how long a user waits for
 * a command. A failing command throws its stderr.
 *
 * @example
 * const { seconds, stdout } = timedNode([buildCli(), 'init', '--data', 'cases.csv', '--yes'], dir);
 */
export function timedNode(args: readonly string[], cwd: string): { seconds: number; stdout: string } {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return { seconds: (performance.now() - started) / 1000, stdout: run.stdout };
}

/** The middle value (the upper one of an even count). */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}
