import type { Config } from '../config/index.js';
import { AmlopsError } from '../core/errors/index.js';
import type { ApiKeyStore } from '../ports/api-key-store.js';
import { ApiKeyVerifier } from './api-keys.js';
import type { CallerVerifier } from './caller-verifier.js';
import { OidcVerifier } from './oidc-verifier.js';

/**
 * The verifier `auth.mode` asks for: none (every route open), API keys from the store, or OIDC
 * tokens; CONFIG_INVALID names an OIDC setting that is missing or not a URL.
 *
 * @example
 * const verifier = callerVerifierOf(config, apiKeys); // undefined with auth.mode none
 */
export function callerVerifierOf(config: Config, keys: ApiKeyStore): CallerVerifier | undefined {
  switch (config['auth.mode']) {
    case 'none':
      return undefined;
    case 'keys':
      return new ApiKeyVerifier(keys, Date.now);
    default: {
      for (const key of ['auth.oidc.jwksUrl', 'auth.oidc.issuer', 'auth.oidc.audience'] as const)
        if (config[key] === '')
          throw new AmlopsError('CONFIG_INVALID', `auth.mode oidc needs ${key}`, { setting: key });
      if (!/^https?:\/\/\S+$/i.test(config['auth.oidc.jwksUrl']))
        throw new AmlopsError(
          'CONFIG_INVALID',
          `auth.oidc.jwksUrl must be an http(s) URL; got ${JSON.stringify(config['auth.oidc.jwksUrl'])}`,
          { setting: 'auth.oidc.jwksUrl' },
        );
      return new OidcVerifier({
        jwksUrl: config['auth.oidc.jwksUrl'],
        issuer: config['auth.oidc.issuer'],
        audience: config['auth.oidc.audience'],
        roleClaim: config['auth.oidc.roleClaim'],
        clockSkewSeconds: config['auth.oidc.clockSkewSeconds'],
      });
    }
  }
}
