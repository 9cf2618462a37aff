import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root: the nearest folder above this module (in src/ or the bundle) with a package.json. */
function packageRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) folder = dirname(folder);
  return folder;
}

/** Where `npm install` (`npm run build`) puts the built UI: dist/web at the package's root. */
export const DEFAULT_WEB_ROOT = join(packageRoot(), 'dist', 'web');

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** One file of the built UI, held in memory. */
export interface WebFile {
  readonly bytes: Buffer;
  readonly type: string;
}

/** The built UI: its page and its assets by file name; undefined when it was not built. */
export interface WebUiFiles {
  readonly index: Buffer;
  readonly assets: ReadonlyMap<string, WebFile>;
}

/**
 * Reads the built UI (`index.html` and `assets/*`) into memory once, at start: a few hundred
 * kilobytes, answered without touching the disk, and only names that exist are ever served (a
 * request cannot reach another file). Undefined when `root` holds no build.
 *
 * @example
 * const files = readWebUiFiles(DEFAULT_WEB_ROOT); // { index, assets: Map { 'main-3TQV….js' => … } }
 */
export function readWebUiFiles(root: string): WebUiFiles | undefined {
  const indexPath = join(root, 'index.html');
  if (!existsSync(indexPath)) return undefined;
  const assetsDir = join(root, 'assets');
  const assets = new Map<string, WebFile>();
  for (const name of existsSync(assetsDir) ? readdirSync(assetsDir) : [])
    assets.set(name, {
      bytes: readFileSync(join(assetsDir, name)),
      type: TYPES[extname(name)] ?? 'application/octet-stream',
    });
  return { index: readFileSync(indexPath), assets };
}
