import type { Role } from '../core/auth/index.js';

/** Who a request's credentials say is calling. */
export interface ApiCaller {
  /** The key's name or the token's subject, recorded as the caller of what the request does. */
  readonly name: string;
  readonly role: Role;
}

/**
 * Checks a request's `Authorization` header and says who calls: an API key (`auth.mode=keys`) or
 * an OIDC token (`auth.mode=oidc`). Throws HTTP_UNAUTHORIZED saying what is wrong; returns the
 * caller at once when it can, else a promise of it.
 */
export interface CallerVerifier {
  verify(authorization: string | undefined): ApiCaller | Promise<ApiCaller>;
}
