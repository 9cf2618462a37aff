import { AmlopsError } from '../core/errors/index.js';
import type { ApiKeyStore } from '../ports/api-key-store.js';

/**
 * With `auth.mode=keys` a server nobody can call is refused at start: the store must hold at least
 * one key that is neither revoked nor expired, else CONFIG_INVALID says how to make one.
 *
 * @example
 * await requireUsableKey(keys, Date.now());
 */
export async function requireUsableKey(keys: Pick<ApiKeyStore, 'list'>, now: number): Promise<void> {
  const usable = (await keys.list()).filter(
    (key) => key.revokedAt === null && (key.expiresAt === null || key.expiresAt > now),
  );
  if (usable.length === 0)
    throw new AmlopsError(
      'CONFIG_INVALID',
      'auth.mode is keys but the store holds no API key that is neither revoked nor expired, so nobody could call this server: make one first with amlops keys create --name NAME --role admin',
    );
}
