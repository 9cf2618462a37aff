import { AmlopsError } from '../../src/core/errors/index.js';

/** The AmlopsError `fn` throws; fails the test when it throws nothing or something else. */
export function errorOf(fn: () => unknown): AmlopsError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AmlopsError) return error;
    throw error;
  }
  throw new Error('expected an AmlopsError');
}
