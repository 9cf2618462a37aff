export { allowedHostsOf } from './allowed-hosts.js';
export { installCorsAllowlist } from './cors-allowlist.js';
export { type FailedAuthLimiter, failedAuthLimiter } from './failed-auth-limiter.js';
export { type HardeningOptions, hardeningOf } from './hardening-options.js';
export { hostName, installHostAllowlist } from './host-allowlist.js';
export { installRateLimits, type RateLimits } from './install-rate-limits.js';
export { readTlsFiles, type TlsFiles } from './read-tls-files.js';
export {
  installRouteBodyLimits,
  JSON_BODY_LIMIT,
  LOG_BATCH_BODY_LIMIT,
  routeBodyLimit,
} from './route-body-limits.js';
export { installSecurityHeaders, securityHeaderOptions, securityHeaders } from './security-headers.js';
