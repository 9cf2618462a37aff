import type { FastifyInstance } from 'fastify';
import { AmlopsError } from '../../core/errors/index.js';

/**
 * The host a `Host` header names, without its port, in lower case: `[::1]:8080` → `[::1]`,
 * `Localhost:80` → `localhost`.
 *
 * @example
 * hostName('127.0.0.1:8080'); // '127.0.0.1'
 */
export function hostName(header: string): string {
  const end = header.startsWith('[') ? header.indexOf(']') + 1 : header.lastIndexOf(':');
  return (end > 0 ? header.slice(0, end) : header).toLowerCase();
}

/**
 * Refuses, on every route (health checks and unknown paths included), a request whose `Host`
 * names a host not in `hosts` (see `allowedHostsOf`): 421 HTTP_HOST_NOT_ALLOWED naming the
 * setting. A browser always sends the name of the site it believes it talks to, so a page whose
 * name was re-pointed at 127.0.0.1 (DNS rebinding) is refused. A request without `Host` (HTTP/1.0
 * health checkers) cannot come from a browser and passes. `['*']` installs nothing.
 *
 * @example
 * installHostAllowlist(app, ['localhost', '127.0.0.1', '[::1]']);
 */
export function installHostAllowlist(app: FastifyInstance, hosts: readonly string[]): void {
  if (hosts.includes('*')) return;
  const allowed = new Set(hosts);
  app.addHook('onRequest', (request, _reply, done) => {
    const host = request.headers.host;
    if (host === undefined || allowed.has(hostName(host))) {
      done();
      return;
    }
    done(
      new AmlopsError(
        'HTTP_HOST_NOT_ALLOWED',
        `this server does not answer for host '${hostName(host).slice(0, 255)}'; the hosts it answers for are set by server.allowedHosts (now ${[...allowed].join(', ')})`,
      ),
    );
  });
}
