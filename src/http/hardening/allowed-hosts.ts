import { isIP } from 'node:net';
import type { Config } from '../../config/index.js';

/** Addresses that mean "every interface": a request never names them as its host. */
const ANY_ADDRESS = new Set(['', '0.0.0.0', '::', '[::]']);

/**
 * The hosts a request's `Host` header may name: `server.allowedHosts`, plus `server.host` when the
 * server listens on one name or address (an IPv6 address in brackets, as `Host` writes it), in
 * lower case. `['*']` when the check is off.
 *
 * @example
 * allowedHostsOf({ 'server.allowedHosts': ['localhost'], 'server.host': '10.0.0.5' }); // ['localhost', '10.0.0.5']
 */
export function allowedHostsOf(config: Pick<Config, 'server.allowedHosts' | 'server.host'>): string[] {
  const hosts = config['server.allowedHosts'].map((host) => host.toLowerCase());
  if (hosts.includes('*')) return ['*'];
  const listening = config['server.host'].toLowerCase();
  if (!ANY_ADDRESS.has(listening)) hosts.push(isIP(listening) === 6 ? `[${listening}]` : listening);
  return [...new Set(hosts)];
}
