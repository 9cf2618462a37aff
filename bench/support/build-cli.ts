import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Compiles and bundles the sources into dist/ (`npm run build`, as `npm install` does) and returns the path of `bin/amlops.js`,
 * so that a benchmark runs the CLI a user runs: plain node, no TypeScript loader.
 *
 * @example
 * spawnSync(process.execPath, [buildCli(), 'score', '--input', 'cases.csv', '--output', 'out.csv']);
 */
export function buildCli(): string {
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`could not compile amlops: ${build.stdout}${build.stderr}`);
  return join(ROOT, 'bin/amlops.js');
}
