import { AmlopsError } from '../../src/core/errors/index.js';

/**
 * The AmlopsError code a promise (or function) fails with, 'resolved' when it succeeds, or a
 * description of a non-Amlops error, so that tests compare one string.
 *
 * @example
 * expect(await codeOf(store.getRun('nope'))).toBe('NOT_FOUND');
 */
export async function codeOf(work: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof work === 'function' ? work() : work);
    return 'resolved';
  } catch (error) {
    return error instanceof AmlopsError ? error.code : `non-amlops: ${(error as Error)?.message}`;
  }
}
