import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs `work` in a new folder under the system's temporary folder and removes it afterwards
 * (the serving benchmarks' audit logs reach gigabytes), unless the command line has `--keep`, for
 * looking at the store or the bodies after the run.
 *
 * @example
 * await inScratchDir('amlops-bench-serve-', async (dir) => { … });
 */
export async function inScratchDir<T>(prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const keep = process.argv.includes('--keep');
  process.stderr.write(`working in ${dir}${keep ? ' (kept afterwards: --keep)' : ''}\n`);
  try {
    return await work(dir);
  } finally {
    if (!keep) await rm(dir, { recursive: true, force: true });
  }
}
