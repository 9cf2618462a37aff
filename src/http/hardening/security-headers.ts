import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** HSTS for 180 days once the server itself answers HTTPS; not for subdomains it does not own. */
const HSTS_SECONDS = 15_552_000;

/**
 * What `@fastify/helmet` sends on every response. The Content-Security-Policy is strict: a page
 * may load scripts, styles, images and connections from its own origin only (images also as
 * `data:` URLs), no inline script or style, no plugin, no form posted elsewhere, and no other site
 * may frame it (`frame-ancestors 'none'` and `X-Frame-Options: DENY`). No `upgrade-insecure-requests`:
 * over plain HTTP on 127.0.0.1 it would break the page. A route with other needs sets its own
 * policy (the quality report's page).
 */
export function securityHeaderOptions(https: boolean): FastifyHelmetOptions {
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
 * Security headers on every response, as `@fastify/helmet` writes them (see
 * {@link securityHeaderOptions}): `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`,
 * `Referrer-Policy: no-referrer`, a strict Content-Security-Policy, cross-origin isolation headers,
 * and HSTS when the server answers HTTPS.
 *
 * @example
 * await installSecurityHeaders(app, { https: false });
 */
export async function installSecurityHeaders(
  app: FastifyInstance,
  options: { readonly https: boolean },
): Promise<void> {
  await app.register(helmet, securityHeaderOptions(options.https));
}
