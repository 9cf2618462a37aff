import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolveSecretFiles } from '../core/secrets/index.js';
import { readConfigFile } from './read-config-file.js';
import { type ConfigInputs, type ResolvedConfig, resolveConfig } from './resolve-config.js';
import type { SettingSpec } from './setting-spec.js';
import { SETTINGS } from './settings.js';

/** Environment variables of the secret settings, each also readable from the file `<VAR>_FILE` names. */
const SECRET_VARIABLES = Object.values(SETTINGS as Record<string, SettingSpec>)
  .filter((spec) => spec.secret)
  .map((spec) => spec.env);

/** The file read when no `--config` is given and it exists in the working directory. */
export const DEFAULT_CONFIG_FILE = 'amlops.config.json';

export interface LoadConfigOptions {
  /** `--config FILE`: must exist. */
  readonly configPath?: string;
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly flags?: ConfigInputs['flags'];
}

/**
 * Reads the configuration file (the given one, or `amlops.config.json` when present) and resolves
 * the configuration with the environment and flags. A secret setting's variable may be given as
 * `<VAR>_FILE`, the path of a file holding the value (as container secrets are mounted).
 */
export function loadConfig(options: LoadConfigOptions = {}): ResolvedConfig {
  const cwd = options.cwd ?? process.cwd();
  const env = resolveSecretFiles(options.env ?? process.env, SECRET_VARIABLES, (path) =>
    readFileSync(resolve(cwd, path), 'utf8'),
  );
  const given = options.configPath ?? env.AMLOPS_CONFIG;
  const path = given ? resolve(cwd, given) : resolve(cwd, DEFAULT_CONFIG_FILE);
  let file: unknown;
  if (given || existsSync(path)) file = readConfigFile(path);
  return resolveConfig({
    ...(file === undefined ? {} : { file, filePath: path }),
    env,
    ...(options.flags ? { flags: options.flags } : {}),
  });
}
