import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { type Role, type RouteAccess, roleGrants } from '../../core/auth/index.js';
import { AmlopsError } from '../../core/errors/index.js';
import type { ApiCaller, CallerVerifier } from '../../services/caller-verifier.js';
import type { FailedAuthLimiter } from '../hardening/failed-auth-limiter.js';
import { declaredAccess, SCORING_URLS } from './route-roles.js';

/** How the server checks who calls (settings `auth.*`). */
export interface HttpAuthOptions {
  /** Checks API keys or OIDC tokens; absent when `auth.mode` is `none`: every route is open. */
  readonly verifier?: CallerVerifier;
  /** `auth.scoringNeedsKey`: false makes scoring routes public. */
  readonly scoringNeedsKey: boolean;
  /** `auth.metricsNeedsKey`: false makes `/metrics` public. */
  readonly metricsNeedsKey: boolean;
  /** Counts failed authentications per address (`rateLimit.failedAuthPerMinute`); no limit without. */
  readonly failedAuth?: FailedAuthLimiter;
}

/** A route the server registered, with what it needs and whether the role table declares it. */
export interface RouteAccessEntry {
  readonly method: string;
  readonly url: string;
  readonly access: RouteAccess;
  readonly declared: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The calling key's name; '' when authentication is off or the route is public. */
    caller: string;
    /** The calling key's role; '' when authentication is off or the route is public. */
    callerRole: Role | '';
  }
}

/**
 * Gives every route registered after this call the access the role table declares
 * (`route-roles.ts`); an undeclared route needs `admin`. With a verifier, a route that needs a
 * role checks the request's key before its body is read: 401 HTTP_UNAUTHORIZED without a valid
 * key (one message whatever was wrong; the reason goes to the log), 403 HTTP_FORBIDDEN when the
 * key's role does not grant the route; the key's name becomes `request.caller`. With
 * `failedAuth`, an address that failed too often in the last minute is refused with 429
 * HTTP_RATE_LIMITED and `Retry-After` before its key is even looked at. Public routes run no
 * check at all. Returns the routes as they are registered.
 *
 * @example
 * const routes = installAuth(app, { verifier, scoringNeedsKey: true, metricsNeedsKey: true });
 */
export function installAuth(app: FastifyInstance, options: HttpAuthOptions): RouteAccessEntry[] {
  const routes: RouteAccessEntry[] = [];
  app.decorateRequest('caller', '');
  app.decorateRequest('callerRole', '');
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const accesses = new Set<RouteAccess>();
    for (const method of methods) {
      const declared = declaredAccess(method, route.url);
      let access: RouteAccess = declared ?? 'admin';
      if (access === 'score' && SCORING_URLS.has(route.url) && !options.scoringNeedsKey) access = 'public';
      if (route.url === '/metrics' && !options.metricsNeedsKey) access = 'public';
      routes.push({ method, url: route.url, access, declared: declared !== undefined });
      accesses.add(access);
    }
    // A route of several methods that need different roles needs admin: split it to open it up.
    const needed: RouteAccess = accesses.size === 1 ? [...accesses][0]! : 'admin';
    if (!options.verifier || needed === 'public') return;
    const check = keyCheck(options.verifier, needed, options.failedAuth);
    const existing = route.onRequest;
    route.onRequest = existing ? [check, ...(Array.isArray(existing) ? existing : [existing])] : [check];
  });
  return routes;
}

/** What every refused credential is told, whatever was wrong with it. */
export const UNAUTHORIZED_MESSAGE =
  'this route needs a valid API key or token: send it as Authorization: Bearer <key>';

/**
 * A callback hook: no promise per request when the key is remembered and failed authentications
 * are not limited.
 */
function keyCheck(
  verifier: CallerVerifier,
  needed: Role,
  failedAuth?: FailedAuthLimiter,
): onRequestHookHandler {
  const check = (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    const admit = (caller: ApiCaller) => {
      if (!roleGrants(caller.role, needed)) {
        done(
          new AmlopsError(
            'HTTP_FORBIDDEN',
            `this route needs a key of role ${needed}${needed === 'admin' ? '' : ' (or one that grants it)'}; the key '${caller.name}' has role ${caller.role}`,
          ),
        );
        return;
      }
      request.caller = caller.name;
      request.callerRole = caller.role;
      done();
    };
    const refuse = (error: Error) => {
      reply.header('www-authenticate', 'Bearer realm="amlops"');
      if ((error as AmlopsError).code !== 'HTTP_UNAUTHORIZED') {
        done(error);
        return;
      }
      // A wrong key counts (guessing); no key at all or a store failure does not.
      if (request.headers.authorization) failedAuth?.failed(request);
      // The caller learns nothing of which part was wrong; the operator reads it in the log.
      request.log.info({ reason: error.message, route: request.routeOptions.url }, 'authentication refused');
      done(new AmlopsError('HTTP_UNAUTHORIZED', UNAUTHORIZED_MESSAGE));
    };
    let verified: ApiCaller | Promise<ApiCaller>;
    try {
      verified = verifier.verify(request.headers.authorization);
    } catch (error) {
      refuse(error as Error);
      return;
    }
    if (verified instanceof Promise) verified.then(admit, refuse);
    else admit(verified);
  };
  if (!failedAuth) return check;
  return (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    failedAuth.waitSeconds(request).then((seconds) => {
      if (seconds === 0) {
        check(request, reply, done);
        return;
      }
      reply.header('retry-after', String(seconds));
      done(
        new AmlopsError(
          'HTTP_RATE_LIMITED',
          `too many failed authentications from ${request.ip}: ${failedAuth.perMinute} in a minute (setting rateLimit.failedAuthPerMinute); retry in ${seconds} s`,
        ),
      );
    }, done);
  };
}
