import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AmlopsError } from '../../core/errors/index.js';
import { SCORING_URLS } from '../auth/route-roles.js';
import { type FailedAuthLimiter, failedAuthLimiter } from './failed-auth-limiter.js';

/** The limits of settings `rateLimit.*`, 0 meaning none. */
export interface RateLimits {
  /** Scoring requests per key (or per address without a key) and minute. */
  readonly scoringPerMinute: number;
  /** Failed authentications per address and minute; 0 as well when no key is checked. */
  readonly failedAuthPerMinute: number;
}

/** Addresses (or keys) remembered by each limiter; the least recently seen are forgotten first. */
const REMEMBERED_CALLERS = 10_000;

/** Who a scoring request counts against: its key when it has one, else its address. */
function scoringCaller(request: FastifyRequest): string {
  return request.caller ? `key '${request.caller}'` : `address ${normalizeIP(request.ip)}`;
}

/**
 * Installs the rate limits with `@fastify/rate-limit` (in-memory store: limits are per process),
 * before any route is registered. Scoring routes (`POST` routes of the role table's scoring rows)
 * get a limiter per key or address, after authentication has named the key, only when
 * `scoringPerMinute` > 0: with no limit the scoring path runs no limiter at all. The plugin is not
 * registered when both limits are 0. Returns the failed-authentication counter, if any, for
 * `installAuth`. Exceeding either is 429 HTTP_RATE_LIMITED with `Retry-After`.
 *
 * @example
 * const failedAuth = await installRateLimits(app, { scoringPerMinute: 0, failedAuthPerMinute: 10 });
 */
export async function installRateLimits(
  app: FastifyInstance,
  limits: RateLimits,
): Promise<FailedAuthLimiter | undefined> {
  if (limits.scoringPerMinute === 0 && limits.failedAuthPerMinute === 0) return undefined;
  if (limits.scoringPerMinute > 0) {
    const scoringLimit = {
      max: limits.scoringPerMinute,
      timeWindow: 60_000,
      cache: REMEMBERED_CALLERS,
      keyGenerator: scoringCaller,
      errorResponseBuilder: (request: FastifyRequest, context: { after: string }) =>
        new AmlopsError(
          'HTTP_RATE_LIMITED',
          `more than ${limits.scoringPerMinute} scoring requests in a minute from ${scoringCaller(request)} (setting rateLimit.scoringPerMinute); retry in ${context.after}`,
        ),
    };
    // Added before the plugin's own onRoute hook, which reads the route's config.rateLimit.
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (methods.includes('POST') && SCORING_URLS.has(route.url))
        route.config = { ...route.config, rateLimit: scoringLimit };
    });
  }
  await app.register(rateLimit, { global: false, cache: REMEMBERED_CALLERS });
  return limits.failedAuthPerMinute > 0 ? failedAuthLimiter(app, limits.failedAuthPerMinute) : undefined;
}
