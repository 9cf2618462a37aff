import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A copy of the built CLI that a later `npm run build` cannot change under running processes. */
export interface BuiltCli {
  /** The `bin/amlops.js` to run with node. */
  readonly bin: string;
  remove(): void;
}

/**
 * Copies the built CLI (bin/amlops.js, dist/bundle, dist/web, package.json) to a temporary
 * directory whose `node_modules` links to the repository's. A cluster runs for minutes and its
 * processes load chunks of the bundle lazily; `npm run build` deletes dist/bundle before writing
 * it again, so processes run from dist/ itself would fail if a build ran meanwhile.
 *
 * @example
 * const cli = snapshotBuiltCli();
 * spawn(process.execPath, [cli.bin, 'migrate']);
 * cli.remove();
 */
export function snapshotBuiltCli(): BuiltCli {
  const bundle = join(ROOT, 'dist', 'bundle');
  if (!existsSync(join(bundle, 'cli.js')))
    throw new Error('the cluster tests run the built CLI: run `npm run build` first (npm test does)');
  const dir = mkdtempSync(join(tmpdir(), 'amlops-cli-'));
  try {
    mkdirSync(join(dir, 'dist'));
    cpSync(bundle, join(dir, 'dist', 'bundle'), { recursive: true });
    if (existsSync(join(ROOT, 'dist', 'web')))
      cpSync(join(ROOT, 'dist', 'web'), join(dir, 'dist', 'web'), { recursive: true });
    cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    bin: join(dir, 'bin', 'amlops.js'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
