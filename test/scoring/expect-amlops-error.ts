import { expect } from 'vitest';
import { AmlopsError } from '../../src/core/errors/index.js';

/**
 * Asserts that `work` throws an AmlopsError with `code` and a message matching `message`; returns it.
 *
 * @example
 * expectCode(() => bundleFromFiles(read), 'MODEL_FILE_INVALID', /no file/);
 */
export function expectCode(work: () => unknown, code: string, message?: RegExp): AmlopsError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(AmlopsError);
    const e = error as AmlopsError;
    expect({ code: e.code, message: e.message }).toEqual({
      code,
      message: message ? expect.stringMatching(message) : e.message,
    });
    return e;
  }
  throw new Error(`expected ${code}, but nothing was thrown`);
}
