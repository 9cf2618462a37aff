import { isIP } from 'node:net';

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*$/i;

/**
 * Checks `server.allowedHosts`: each entry a host name, an IPv4 address or a bracketed IPv6
 * address (`[::1]`), without scheme or port; or `*` alone (any host). Throws saying which entry is
 * wrong and why.
 *
 * @example
 * checkAllowedHosts(['localhost', '[::1]']); // passes
 * checkAllowedHosts(['localhost:8080']);     // throws: no port
 */
export function checkAllowedHosts(value: unknown): void {
  const hosts = value as readonly string[];
  if (hosts.includes('*') && hosts.length > 1) throw new Error("'*' (any host) must be the only entry");
  for (const host of hosts) {
    if (host === '*') continue;
    if (host.startsWith('[') && host.endsWith(']') && isIP(host.slice(1, -1)) === 6) continue;
    if (isIP(host) === 6) throw new Error(`write the IPv6 address '${host}' in brackets: '[${host}]'`);
    if (!HOST_NAME.test(host))
      throw new Error(`'${host}' is not a host name or address (give it without scheme, port or path)`);
  }
}

/**
 * Checks `server.corsOrigins`: each entry an origin as browsers send it, `https://host` or
 * `http://host:port`, without path or trailing slash; `*` is refused (list the sites).
 *
 * @example
 * checkCorsOrigins(['https://ui.example.com']); // passes
 * checkCorsOrigins(['https://ui.example.com/']); // throws: not an origin
 */
export function checkCorsOrigins(value: unknown): void {
  for (const origin of value as readonly string[]) {
    if (origin === '*')
      throw new Error("'*' would let any web site call the API; list the origins of the pages that may");
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin)
      throw new Error(
        `'${origin}' is not an origin: scheme, host and port only, as https://ui.example.com or http://localhost:5173`,
      );
  }
}

/**
 * Checks `server.trustedProxies`: each entry an IP address or a CIDR range (`10.0.0.0/8`).
 *
 * @example
 * checkProxyAddresses(['127.0.0.1', '10.0.0.0/8']); // passes
 */
export function checkProxyAddresses(value: unknown): void {
  for (const entry of value as readonly string[]) {
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const maxBits = family === 4 ? 32 : 128;
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (family === 0 || !bitsOk || rest.length > 0)
      throw new Error(`'${entry}' is not an IP address or a CIDR range such as 10.0.0.0/8`);
  }
}
