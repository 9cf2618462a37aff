import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from './settings.js';

/**
 * The store's URL: `store.databaseUrl` (DATABASE_URL), else the embedded SQLite file in `home`
 * (relative to `cwd`).
 *
 * @example
 * databaseUrlOf(config, '/srv/app'); // 'sqlite:/srv/app/.amlops/amlops.db'
 */
export function databaseUrlOf(config: Pick<Config, 'home' | 'store.databaseUrl'>, cwd: string): string {
  return config['store.databaseUrl'] || `sqlite:${join(resolve(cwd, config.home), 'amlops.db')}`;
}

/**
 * Where artifacts live: `artifacts.uri` (ARTIFACTS_URI), else the `artifacts` folder in `home`
 * (relative to `cwd`) as a file URL.
 *
 * @example
 * artifactRootOf(config, '/srv/app'); // 'file:///srv/app/.amlops/artifacts'
 */
export function artifactRootOf(config: Pick<Config, 'home' | 'artifacts.uri'>, cwd: string): string {
  return config['artifacts.uri'] || pathToFileURL(join(resolve(cwd, config.home), 'artifacts')).href;
}
