import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** HSTS for 180 days once the server itself answers HTTPS; not for subdomains it does not own. */
const HSTS_SECONDS = 15_552_000;

/**
 * What `helmet` is asked for. The Content-Security-Policy is strict: a page may load scripts,
 * styles, images and connections from its own origin only (images also as `data:` URLs), no
 * inline script or style, no plugin, no form posted elsewhere, and no other site may frame it
 * (`frame-ancestors 'none'` and `X-Frame-Options: DENY`). No `upgrade-insecure-requests`: over
 * plain HTTP on 127.0.0.1 it would break the page. A route with other needs sets its own policy
 * (the quality report's page).
 */
export function securityHeaderOptions(https: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: https ? { maxAge: HSTS_SECONDS, includeSubDomains: false } : false,
  };
}

/**
 * The headers `helmet` writes for these options, computed once: helmet's middleware run against a
 * response that records them. They do not depend on the request, so no request pays for building
 * them again.
 *
 * @example
 * securityHeaders(false)['x-frame-options']; // 'DENY'
 */
export function securityHeaders(https: boolean): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  helmet(securityHeaderOptions(https))(
    {} as Parameters<ReturnType<typeof helmet>>[0],
    recorder as unknown as Parameters<ReturnType<typeof helmet>>[1],
    (error?: unknown) => {
      failure = error;
    },
  );
  if (failure) throw failure;
  return headers;
}

/**
 * Security headers (see {@link securityHeaderOptions}) on every response but the scoring routes':
 * `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer`, a
 * strict Content-Security-Policy, cross-origin isolation headers, and HSTS when the server answers
 * HTTPS. Scoring routes (`skip`) answer POSTed JSON to programs, not pages to browsers; there a
 * dozen headers per answer cost throughput for nothing (docs/benchmarks.md).
 *
 * @example
 * installSecurityHeaders(app, { https: false, skip: new Set(['/predict']) });
 */
export function installSecurityHeaders(
  app: FastifyInstance,
  options: { readonly https: boolean; readonly skip: ReadonlySet<string> },
): void {
  const headers = securityHeaders(options.https);
  app.addHook('onRequest', (request, reply, done) => {
    const route = request.routeOptions.url;
    if (route === undefined || !options.skip.has(route)) reply.headers(headers);
    done();
  });
}
