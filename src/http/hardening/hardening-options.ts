import type { Config } from '../../config/index.js';
import { allowedHostsOf } from './allowed-hosts.js';
import type { RateLimits } from './install-rate-limits.js';
import type { TlsFiles } from './read-tls-files.js';

/** How the server protects itself (settings `server.*` and `rateLimit.*`; docs/security.md, "Hardening"). */
export interface HardeningOptions {
  /** Hosts a request's `Host` may name (see `allowedHostsOf`); `['*']`: any. */
  readonly allowedHosts: readonly string[];
  /** Origins of the web pages allowed to call the API (CORS); none: no CORS header. */
  readonly corsOrigins: readonly string[];
  /** Proxies whose `X-Forwarded-For` names the client; none: the connection's address is the client's. */
  readonly trustedProxies: readonly string[];
  readonly rateLimits: RateLimits;
  /** Answer HTTPS with this certificate and key; plain HTTP without. */
  readonly tls?: TlsFiles;
}

/**
 * The hardening of a server from its configuration, with the TLS files already read.
 *
 * @example
 * buildScoringApp({ …, hardening: hardeningOf(config, readTlsFiles(config, cwd)) });
 */
export function hardeningOf(config: Config, tls: TlsFiles | undefined): HardeningOptions {
  return {
    allowedHosts: allowedHostsOf(config),
    corsOrigins: config['server.corsOrigins'],
    trustedProxies: config['server.trustedProxies'],
    rateLimits: {
      scoringPerMinute: config['rateLimit.scoringPerMinute'],
      failedAuthPerMinute: config['auth.mode'] === 'none' ? 0 : config['rateLimit.failedAuthPerMinute'],
    },
    ...(tls ? { tls } : {}),
  };
}
