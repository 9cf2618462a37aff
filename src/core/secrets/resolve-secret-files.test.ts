import { describe, expect, it } from 'vitest';
import { AmlopsError } from '../errors/index.js';
import { resolveSecretFiles } from './resolve-secret-files.js';

const files: Record<string, string> = { '/run/secrets/db': 'postgres://u:pw@db/amlops\n' };
const read = (path: string): string => {
  const text = files[path];
  if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  return text;
};

describe('resolveSecretFiles', () => {
  it('reads NAME from the file NAME_FILE names, trailing newline trimmed', () => {
    const env = resolveSecretFiles(
      { DATABASE_URL_FILE: '/run/secrets/db', OTHER: '1' },
      ['DATABASE_URL'],
      read,
    );
    expect(env).toEqual({ DATABASE_URL: 'postgres://u:pw@db/amlops', OTHER: '1' });
  });

  it('returns the environment as it is when no NAME_FILE is set', () => {
    const env = { DATABASE_URL: 'postgres://u@db/amlops' };
    expect(resolveSecretFiles(env, ['DATABASE_URL'], read)).toBe(env);
  });

  it('refuses NAME and NAME_FILE both set, naming both (CONFIG_INVALID)', () => {
    const call = () =>
      resolveSecretFiles({ DATABASE_URL: 'x', DATABASE_URL_FILE: '/run/secrets/db' }, ['DATABASE_URL'], read);
    expect(call).toThrow(AmlopsError);
    expect(call).toThrow(/both DATABASE_URL and DATABASE_URL_FILE are set/);
    try {
      call();
    } catch (error) {
      expect((error as AmlopsError).code).toBe('CONFIG_INVALID');
    }
  });

  it('names the variable and the path of a file it cannot read, never a content', () => {
    try {
      resolveSecretFiles({ DATABASE_URL_FILE: '/run/secrets/none' }, ['DATABASE_URL'], read);
      expect.unreachable();
    } catch (error) {
      expect((error as AmlopsError).code).toBe('CONFIG_FILE_UNREADABLE');
      expect((error as AmlopsError).message).toBe(
        'cannot read DATABASE_URL_FILE (/run/secrets/none): ENOENT',
      );
    }
  });
});
