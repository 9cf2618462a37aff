import { ERROR_CODES, type ErrorCode } from './error-codes.js';

/**
 * The only error amlops throws on purpose: a code from the registry, a message a person can act
 * on, and optional structured details. Anything else reaching an error boundary is a bug.
 *
 * @example
 * throw new AmlopsError('CONFIG_INVALID', 'split.testSize must be between 0 and 1 (exclusive); got 1.5');
 */
export class AmlopsError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AmlopsError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  get exitCode(): number {
    return ERROR_CODES[this.code].exit;
  }

  toJSON(): { code: ErrorCode; message: string; details?: unknown } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** True for errors thrown on purpose, which error boundaries report as they are. */
export function isAmlopsError(error: unknown): error is AmlopsError {
  return error instanceof AmlopsError;
}
