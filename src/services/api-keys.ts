import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { apiKeyText, parseApiKeyText, type Role } from '../core/auth/index.js';
import { AmlopsError } from '../core/errors/index.js';
import type { ApiKeyRecord, ApiKeyStore, StoredApiKey } from '../ports/api-key-store.js';
import type { ApiCaller, CallerVerifier } from './caller-verifier.js';

const KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** SHA-256 of a key's secret, hex: what the store keeps (the secret is 32 random bytes, so no slow hash is needed). */
function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * Makes a key: its text, shown once, and its record, stored with the secret's hash only.
 *
 * @example
 * const { key } = await createApiKey(store, { name: 'scoring-client', role: 'score', by: 'alice', now: Date.now() });
 */
export async function createApiKey(
  store: ApiKeyStore,
  input: {
    readonly name: string;
    readonly role: Role;
    readonly by: string;
    readonly now: number;
    readonly expiresAt?: number;
  },
): Promise<{ readonly key: string; readonly record: ApiKeyRecord }> {
  if (!KEY_NAME.test(input.name))
    throw new AmlopsError(
      'USAGE',
      `an API key's name is 1 to 64 letters, digits and . _ @ - (starting with a letter or digit); got ${JSON.stringify(input.name)}`,
    );
  if (input.expiresAt !== undefined && !(input.expiresAt > input.now))
    throw new AmlopsError(
      'USAGE',
      `an API key's expiry must be in the future; got ${new Date(input.expiresAt).toISOString()}`,
    );
  const parts = { id: randomBytes(8).toString('hex'), secret: randomBytes(32).toString('base64url') };
  const record = await store.create({
    id: parts.id,
    name: input.name,
    role: input.role,
    secretHash: secretHash(parts.secret),
    createdAt: input.now,
    createdBy: input.by,
    expiresAt: input.expiresAt ?? null,
    revokedAt: null,
    revokedBy: null,
  });
  return { key: apiKeyText(parts), record };
}

/** How long a looked-up key is trusted before it is read again: how long a revocation may take to bite. */
export const KEY_CACHE_MS = 5_000;

/**
 * Checks the keys requests bring, against the store, remembering each key for {@link KEY_CACHE_MS}
 * so that a scoring request does not wait for the database: a revoked key stops working within
 * that time on every server. A missing, malformed, unknown, revoked or expired key is
 * HTTP_UNAUTHORIZED, saying which.
 *
 * @example
 * const verifier = new ApiKeyVerifier(store, Date.now);
 * const caller = await verifier.verify(request.headers.authorization); // { name: 'ci-bot', role: 'write' }
 */
export class ApiKeyVerifier implements CallerVerifier {
  readonly #store: ApiKeyStore;
  readonly #now: () => number;
  readonly #cache = new Map<string, { readonly key: StoredApiKey | undefined; readonly until: number }>();

  constructor(store: ApiKeyStore, now: () => number) {
    this.#store = store;
    this.#now = now;
  }

  /** The caller, or a promise of it when the key must be read from the store. */
  verify(authorization: string | undefined): ApiCaller | Promise<ApiCaller> {
    if (authorization === undefined || authorization === '')
      throw unauthorized('this route needs an API key: send it as Authorization: Bearer <key>');
    const bearer = /^Bearer +(\S+)\s*$/i.exec(authorization);
    if (!bearer) throw unauthorized('the Authorization header must be "Bearer <key>"');
    const parts = parseApiKeyText(bearer[1]!);
    if (!parts) throw unauthorized('the key is not of the shape amlops_<16 hex digits>_<43 characters>');
    const now = this.#now();
    const cached = this.#cache.get(parts.id);
    if (cached && cached.until > now) return this.#check(cached.key, parts.secret, now);
    return this.#store.get(parts.id).then((key) => {
      if (this.#cache.size > 10_000) this.#cache.clear();
      this.#cache.set(parts.id, { key, until: now + KEY_CACHE_MS });
      return this.#check(key, parts.secret, this.#now());
    });
  }

  #check(key: StoredApiKey | undefined, secret: string, now: number): ApiCaller {
    const given = Buffer.from(secretHash(secret), 'hex');
    if (!key || !timingSafeEqual(given, Buffer.from(key.secretHash, 'hex')))
      throw unauthorized('the key is not known');
    if (key.revokedAt !== null && key.revokedAt <= now)
      throw unauthorized(`the key '${key.name}' was revoked on ${new Date(key.revokedAt).toISOString()}`);
    if (key.expiresAt !== null && key.expiresAt <= now)
      throw unauthorized(`the key '${key.name}' expired on ${new Date(key.expiresAt).toISOString()}`);
    return { name: key.name, role: key.role };
  }
}

function unauthorized(message: string): AmlopsError {
  return new AmlopsError('HTTP_UNAUTHORIZED', message);
}
