import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { isRole, type Role } from '../core/auth/index.js';
import { AmlopsError } from '../core/errors/index.js';
import type { ApiCaller, CallerVerifier } from './caller-verifier.js';

/** Where tokens come from and what they must say (settings `auth.oidc.*`). */
export interface OidcOptions {
  readonly jwksUrl: string;
  readonly issuer: string;
  readonly audience: string;
  /** The claim holding the caller's role: a role name, or a list of them (the strongest counts). */
  readonly roleClaim: string;
  readonly clockSkewSeconds: number;
}

/** Signature algorithms accepted: asymmetric only (no `none`, no shared-secret HMAC). */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
/** When a token's claim lists several roles, the first of these it holds counts. */
const STRONGEST_FIRST: readonly Role[] = ['admin', 'write', 'read', 'score'];

/**
 * Checks OIDC / JWT bearer tokens against the identity provider's keys (its JWKS URL, fetched and
 * cached by `jose`): signature, issuer, audience, expiry and not-before within the clock skew. The
 * caller is the token's subject, its role the role claim's. A token that fails any check is
 * HTTP_UNAUTHORIZED saying which; keys that cannot be fetched are HTTP_AUTH_UNAVAILABLE (503).
 *
 * @example
 * const verifier = new OidcVerifier({ jwksUrl: 'https://id.example/jwks', issuer: 'https://id.example',
 *   audience: 'amlops', roleClaim: 'amlops_role', clockSkewSeconds: 60 });
 */
export class OidcVerifier implements CallerVerifier {
  readonly #options: OidcOptions;
  readonly #keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(options: OidcOptions) {
    this.#options = options;
    this.#keys = createRemoteJWKSet(new URL(options.jwksUrl));
  }

  verify(authorization: string | undefined): Promise<ApiCaller> {
    if (authorization === undefined || authorization === '')
      throw unauthorized('this route needs a token: send it as Authorization: Bearer <token>');
    const bearer = /^Bearer +(\S+)\s*$/i.exec(authorization);
    if (!bearer) throw unauthorized('the Authorization header must be "Bearer <token>"');
    return this.#check(bearer[1]!);
  }

  async #check(token: string): Promise<ApiCaller> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.#keys, {
        issuer: this.#options.issuer,
        audience: this.#options.audience,
        clockTolerance: this.#options.clockSkewSeconds,
        algorithms: ALGORITHMS,
      }));
    } catch (error) {
      throw tokenError(error as Error & { code?: string; claim?: string });
    }
    if (typeof payload.sub !== 'string' || payload.sub === '')
      throw unauthorized('the token has no subject (sub)');
    const claim = (payload as Record<string, unknown>)[this.#options.roleClaim];
    const held = (Array.isArray(claim) ? claim : [claim]).filter(isRole);
    const role = STRONGEST_FIRST.find((r) => held.includes(r));
    if (!role)
      throw new AmlopsError(
        'HTTP_FORBIDDEN',
        `the token of '${payload.sub}' names no amlops role in its ${this.#options.roleClaim} claim (one of read, score, write, admin)`,
      );
    return { name: payload.sub, role };
  }
}

function tokenError(error: Error & { code?: string; claim?: string }): AmlopsError {
  switch (error.code) {
    case 'ERR_JWT_EXPIRED':
      return unauthorized('the token has expired');
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return unauthorized(`the token's ${error.claim ?? ''} claim is not accepted: ${error.message}`);
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return unauthorized("the token's signature does not match any key of the identity provider");
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return unauthorized(`the token's algorithm is not accepted (only ${ALGORITHMS.join(', ')})`);
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JWKS_INVALID':
      return new AmlopsError(
        'HTTP_AUTH_UNAVAILABLE',
        `the identity provider's keys (auth.oidc.jwksUrl) cannot be read: ${error.message}`,
      );
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return unauthorized(`the token is malformed: ${error.message}`);
    default:
      // jose lets fetch's own failure through when the JWKS URL cannot be reached.
      if (error instanceof TypeError || /fetch|ECONNREFUSED|ENOTFOUND/i.test(error.message))
        return new AmlopsError(
          'HTTP_AUTH_UNAVAILABLE',
          `the identity provider's keys (auth.oidc.jwksUrl) cannot be fetched: ${error.message}`,
        );
      return unauthorized(`the token is not accepted: ${error.message}`);
  }
}

function unauthorized(message: string): AmlopsError {
  return new AmlopsError('HTTP_UNAUTHORIZED', message);
}
