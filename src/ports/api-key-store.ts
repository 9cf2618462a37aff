import type { Role } from '../core/auth/index.js';

/** An API key as stored: never its secret, only the secret's hash. */
export interface ApiKeyRecord {
  readonly id: string;
  /** Unique, chosen by whoever created it; recorded as the caller of what the key does. */
  readonly name: string;
  readonly role: Role;
  readonly createdAt: number;
  readonly createdBy: string;
  /** When it stops working (ms since the epoch), or null for never. */
  readonly expiresAt: number | null;
  readonly revokedAt: number | null;
  readonly revokedBy: string | null;
}

/** A stored key with the hash of its secret, for verifying a request's key. */
export interface StoredApiKey extends ApiKeyRecord {
  /** SHA-256 of the secret, hex. */
  readonly secretHash: string;
}

/**
 * Where API keys are kept. A name is unique among keys (revoked ones included, so that a name
 * in the audit log always means one key).
 */
export interface ApiKeyStore {
  /** Adds a key; RESOURCE_ALREADY_EXISTS when its name is taken. */
  create(key: StoredApiKey): Promise<ApiKeyRecord>;
  /** Every key, oldest first. */
  list(): Promise<readonly ApiKeyRecord[]>;
  /** The key with this id, with its hash; undefined when there is none. */
  get(id: string): Promise<StoredApiKey | undefined>;
  /** Revokes the key of this name (or id); NOT_FOUND when none; a revoked key stays revoked as it was. */
  revoke(nameOrId: string, at: number, by: string): Promise<ApiKeyRecord>;
  close(): Promise<void>;
}
