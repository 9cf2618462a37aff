import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const MINUTE_MS = 60_000;

/** Counts failed authentications per client address, and says how long an address must wait. */
export interface FailedAuthLimiter {
  /** Failed authentications an address may make in a minute (setting `rateLimit.failedAuthPerMinute`). */
  readonly perMinute: number;
  /** Seconds the request's address must still wait before trying a key, or 0. */
  waitSeconds(request: FastifyRequest): Promise<number>;
  /** Counts one failed authentication of the request's address. */
  failed(request: FastifyRequest): void;
}

/**
 * A failed-authentication counter on `@fastify/rate-limit`'s store (in this process's memory, per
 * address; IPv6 addresses count by /64 network): after `perMinute` failures in a minute, the
 * address waits for the minute to end. The app must have the plugin registered.
 *
 * @example
 * const limiter = failedAuthLimiter(app, 10);
 * if ((await limiter.waitSeconds(request)) > 0) refuse();
 */
export function failedAuthLimiter(app: FastifyInstance, perMinute: number): FailedAuthLimiter {
  const count = app.createRateLimit({
    max: perMinute,
    timeWindow: MINUTE_MS,
    keyGenerator: (request) => normalizeIP(request.ip),
  });
  return {
    perMinute,
    async waitSeconds(request) {
      const state = await count(request, { increment: false });
      return !state.isAllowed && state.remaining === 0 ? Math.max(1, state.ttlInSeconds) : 0;
    },
    failed(request) {
      // The in-memory store cannot fail; a counting error must not turn a 401 into a 500.
      count(request).catch(() => undefined);
    },
  };
}
