const SEMI_SPACE_FLAG = '--max-semi-space-size';

/**
 * The node flags of a serving worker a cluster forks: the primary's own, and V8's young-generation
 * semi-space size from `server.workerSemiSpaceMb` unless the user chose one (on the command line or
 * in `NODE_OPTIONS`) or the setting is 0. A 1000-case request allocates megabytes that die young;
 * V8's default 16 MB semi-spaces keep up to 48 MB of young generation per worker, a smaller one
 * collects it sooner.
 *
 * @example
 * cluster.setupPrimary({ execArgv: workerExecArgv(8, process.execArgv, process.env.NODE_OPTIONS) });
 */
export function workerExecArgv(
  semiSpaceMb: number,
  execArgv: readonly string[],
  nodeOptions: string | undefined,
): string[] {
  const chosen = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)].some(
    (flag) =>
      flag === SEMI_SPACE_FLAG ||
      flag.startsWith(`${SEMI_SPACE_FLAG}=`) ||
      flag.startsWith('--max_semi_space_size'),
  );
  return semiSpaceMb === 0 || chosen ? [...execArgv] : [...execArgv, `${SEMI_SPACE_FLAG}=${semiSpaceMb}`];
}
