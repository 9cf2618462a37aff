import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyStore, StoredApiKey } from '../../src/ports/api-key-store.js';
import { codeOf } from './expect-code.js';

const T0 = 1_764_255_600_000;

function key(id: string, name: string, overrides: Partial<StoredApiKey> = {}): StoredApiKey {
  return {
    id,
    name,
    role: 'read',
    secretHash: 'ab'.repeat(32),
    createdAt: T0,
    createdBy: 'alice',
    expiresAt: null,
    revokedAt: null,
    revokedBy: null,
    ...overrides,
  };
}

/** The behaviour every ApiKeyStore must have, run against each adapter on a real database. */
export function runApiKeyStoreContract(
  name: string,
  makeAdapter: () => Promise<{ store: ApiKeyStore; close(): Promise<void> }>,
): void {
  describe(`ApiKeyStore contract: ${name}`, () => {
    let store: ApiKeyStore;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ store, close } = await makeAdapter());
    });
    afterAll(async () => {
      await close?.();
    });

    it('keeps a key with its hash, lists it without, and finds it by id', async () => {
      const made = await store.create(
        key('00000000000000a1', 'ci-bot', { role: 'write', expiresAt: T0 + 86_400_000 }),
      );
      expect(made).toEqual({
        id: '00000000000000a1',
        name: 'ci-bot',
        role: 'write',
        createdAt: T0,
        createdBy: 'alice',
        expiresAt: T0 + 86_400_000,
        revokedAt: null,
        revokedBy: null,
      });
      expect(made).not.toHaveProperty('secretHash');
      expect(await store.get('00000000000000a1')).toMatchObject({
        name: 'ci-bot',
        secretHash: 'ab'.repeat(32),
      });
      expect(await store.get('ffffffffffffffff')).toBeUndefined();
      await store.create(key('00000000000000a2', 'scorer', { role: 'score', createdAt: T0 + 1 }));
      const listed = await store.list();
      expect(listed.map((k) => k.name)).toEqual(['ci-bot', 'scorer']);
      for (const k of listed) expect(k).not.toHaveProperty('secretHash');
    });

    it('refuses a second key of a name, revoked or not', async () => {
      expect(await codeOf(store.create(key('00000000000000b1', 'ci-bot')))).toBe('RESOURCE_ALREADY_EXISTS');
    });

    it('revokes by name or id once, keeping the first revocation, and says when there is no such key', async () => {
      const revoked = await store.revoke('scorer', T0 + 10, 'bob');
      expect(revoked).toMatchObject({ name: 'scorer', revokedAt: T0 + 10, revokedBy: 'bob' });
      expect(await store.revoke('00000000000000a2', T0 + 20, 'carol')).toMatchObject({
        revokedAt: T0 + 10,
        revokedBy: 'bob',
      });
      expect((await store.get('00000000000000a2'))?.revokedAt).toBe(T0 + 10);
      expect(await codeOf(store.revoke('nobody', T0, 'bob'))).toBe('NOT_FOUND');
      expect(await codeOf(store.create(key('00000000000000c1', 'scorer')))).toBe('RESOURCE_ALREADY_EXISTS');
    });
  });
}
