import { AmlopsError, type ErrorCode, isAmlopsError } from '../../core/errors/index.js';

/** An error as it crosses from a worker thread to the main thread (structured-clone safe). */
export interface ThreadError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly details?: unknown;
  readonly stack?: string;
}

/**
 * What a worker sends for a thrown value; `rebuildThreadError` turns it back into an error, an
 * `AmlopsError` keeping its code and details.
 *
 * @example
 * port.postMessage({ kind: 'error', id, error: toThreadError(e) });
 */
export function toThreadError(error: unknown): ThreadError {
  const e = error instanceof Error ? error : new Error(String(error));
  return {
    name: e.name,
    message: e.message,
    ...(e.stack ? { stack: e.stack } : {}),
    ...(isAmlopsError(e) ? { code: e.code, details: e.details } : {}),
  };
}

/** The error a worker reported, rebuilt on the main thread. */
export function rebuildThreadError(error: ThreadError): Error {
  if (error.code) return new AmlopsError(error.code as ErrorCode, error.message, error.details);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  if (error.stack) rebuilt.stack = error.stack;
  return rebuilt;
}
