import { AmlopsError } from '../errors/index.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The environment with each secret variable `NAME` of `names` that is given as `NAME_FILE` (a path,
 * as container secrets are mounted) replaced by that file's content, its trailing newline trimmed.
 * Setting both `NAME` and `NAME_FILE` is CONFIG_INVALID; a file that cannot be read is
 * CONFIG_FILE_UNREADABLE naming the variable and the path. Neither says anything of the content.
 * Pure: the caller passes how a file is read.
 *
 * @example
 * resolveSecretFiles({ DATABASE_URL_FILE: '/run/secrets/db' }, ['DATABASE_URL'], readText);
 * // { DATABASE_URL: 'postgres://amlops:…@db/amlops' }
 */
export function resolveSecretFiles(
  env: Env,
  names: readonly string[],
  readFile: (path: string) => string,
): Env {
  let out: Record<string, string | undefined> | undefined;
  for (const name of names) {
    const fileVariable = `${name}_FILE`;
    const path = env[fileVariable];
    if (path === undefined || path === '') continue;
    if (env[name] !== undefined && env[name] !== '')
      throw new AmlopsError(
        'CONFIG_INVALID',
        `both ${name} and ${fileVariable} are set; set only one of them`,
        { variables: [name, fileVariable] },
      );
    let text: string;
    try {
      text = readFile(path);
    } catch (error) {
      const reason = (error as { code?: string }).code ?? 'unreadable';
      throw new AmlopsError('CONFIG_FILE_UNREADABLE', `cannot read ${fileVariable} (${path}): ${reason}`, {
        variable: fileVariable,
        path,
      });
    }
    out ??= { ...env };
    out[name] = text.replace(/\r?\n$/, '');
    delete out[fileVariable];
  }
  return out ?? env;
}
