import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { SqlApiKeyStore } from '../../src/adapters/sql/api-key-sql-store.js';
import { openSqlDatabase } from '../../src/adapters/sql/open-sql-database.js';
import { ROLES, type Role, roleGrants } from '../../src/core/auth/index.js';
import { UNAUTHORIZED_MESSAGE } from '../../src/http/auth/install-auth.js';
import { createApiKey } from '../../src/services/api-keys.js';
import { answerProblems } from '../support/fuzz/answer-problems.js';
import { type ScoringServerHarness, scoringServerHarness } from './scoring/scoring-server-harness.js';

// The key check against hostile Authorization headers (issue 16, fuzzing; "bad input"): keys of
// every role spoiled one character at a time, cut short, lengthened, with the wrong scheme, random
// text, revoked and expired keys. Whatever is wrong, the answer is the same 401 (no hint of which
// part), never a 5xx, and every refusal is counted in /metrics. `npm run fuzz` runs it longer.
const RUNS = Number(process.env.AMLOPS_FUZZ_RUNS ?? 12) * 25;
const SEED = Number(process.env.AMLOPS_FUZZ_SEED ?? 16_007);

const valid: string[] = [];
const refused: string[] = [];
// Hundreds of failed authentications from one address: the limit has tests of its own.
const h: ScoringServerHarness = await scoringServerHarness({
  'auth.mode': 'keys',
  'rateLimit.failedAuthPerMinute': 0,
});
{
  const database = await openSqlDatabase(`sqlite:${join(h.home, 'amlops.db')}`);
  const store = await SqlApiKeyStore.open(database);
  await database.close();
  const now = Date.now();
  for (const role of ROLES)
    valid.push((await createApiKey(store, { name: `${role}-key`, role: role as Role, by: 'test', now })).key);
  refused.push((await createApiKey(store, { name: 'gone', role: 'admin', by: 'test', now })).key);
  await store.revoke('gone', now, 'test');
  refused.push(
    (await createApiKey(store, { name: 'old', role: 'admin', by: 'test', now, expiresAt: now + 30 })).key,
  );
  await store.close();
  await new Promise((resolve) => setTimeout(resolve, 60));
}
afterAll(() => h?.close());

/** A key changed a little: one character replaced, cut, lengthened, its case flipped. */
const spoiledKey = fc
  .tuple(
    fc.constantFrom(...Array.from({ length: 5 }, (_, i) => i)),
    fc.nat(),
    fc.constantFrom('a', 'Z', '0', '_', '-', '=', '%', 'é', '/'),
    fc.constantFrom('replace', 'cut', 'lengthen', 'case'),
  )
  .map(([which, at, character, change]) => {
    const key = [...valid, ...refused][which % (valid.length + refused.length)]!;
    const i = at % key.length;
    if (change === 'replace') {
      const spoiled = `${key.slice(0, i)}${character}${key.slice(i + 1)}`;
      return spoiled === key ? `${key}${character}` : spoiled;
    }
    if (change === 'cut') return key.slice(0, i);
    if (change === 'lengthen') return `${key}${character}`;
    return key.toUpperCase();
  });

/** An Authorization header that must be refused. */
const refusedHeader = fc.oneof(
  spoiledKey.map((key) => `Bearer ${key}`),
  fc.constantFrom(...refused).map((key) => `Bearer ${key}`),
  fc
    .tuple(
      fc.constantFrom('Basic', 'Token', 'Bearer:', 'Bearer\t', '', 'Digest', 'Bearer=', 'Bearer,'),
      fc.nat(),
    )
    .map(([scheme, which]) => `${scheme} ${valid[which % valid.length]}`),
  fc.constantFrom(...valid).map((key) => `Bearer ${key} ${key}`),
  fc.stringMatching(/^[!-~ ]{1,200}$/),
  fc.string({ minLength: 1, maxLength: 40 }).map((text) => `Bearer ${encodeURIComponent(text)}`),
  fc.integer({ min: 1_000, max: 8_000 }).map((n) => `Bearer amlops_${'0'.repeat(16)}_${'A'.repeat(n)}`),
);

/** A header that the server must accept: a valid key, the scheme in any case, spaces around. */
const acceptedHeader = fc
  .tuple(
    fc.constantFrom(...ROLES.map((_, i) => i)),
    fc.constantFrom('Bearer', 'bearer', 'BEARER'),
    fc.constantFrom(' ', '  '),
    fc.constantFrom('', ' '),
  )
  .map(([which, scheme, gap, end]) => ({
    header: `${scheme}${gap}${valid[which]}${end}`,
    role: ROLES[which]!,
  }));

describe('the key check against hostile Authorization headers', () => {
  it('refuses every spoiled, foreign, revoked or expired credential with the same 401, and counts each', async () => {
    const routes = h.server.routeAccess.filter((route) => route.access !== 'public');
    expect(routes.length).toBeGreaterThan(100);
    let refusals = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), refusedHeader, async (route, authorization) => {
        const started = performance.now();
        const answer = await h.server.app.inject({
          method: route.method as 'GET',
          url: route.url.replace(/:[A-Za-z_]+/g, 'x').replace('*', 'x'),
          headers: { authorization, 'content-type': 'application/json' },
          ...(route.method === 'GET' || route.method === 'HEAD' ? {} : { payload: '{}' }),
        });
        expect(answerProblems(answer, performance.now() - started, route.method)).toEqual([]);
        expect(answer.statusCode).toBe(401);
        // In amlops' error shape, or MLflow's on its routes: the same message either way.
        if (route.method !== 'HEAD') {
          const body = answer.json();
          expect(body.error?.message ?? body.message).toBe(UNAUTHORIZED_MESSAGE);
        }
        refusals++;
      }),
      { seed: SEED, numRuns: RUNS },
    );
    const metrics = await h.server.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${valid[ROLES.indexOf('admin')]}` },
    });
    expect(metrics.statusCode).toBe(200);
    const counted = Number(
      /^amlops_errors_total\{code="HTTP_UNAUTHORIZED"\} (\d+)$/m.exec(metrics.body)?.[1],
    );
    expect(counted).toBe(refusals);
  });

  it('admits a valid key however the scheme is written and spaced', async () => {
    await fc.assert(
      fc.asyncProperty(acceptedHeader, async ({ header, role }) => {
        const answer = await h.server.app.inject({
          method: 'GET',
          url: '/api/v1/models',
          headers: { authorization: header },
        });
        expect(answer.statusCode, answer.body).toBe(roleGrants(role, 'read') ? 200 : 403);
      }),
      { seed: SEED, numRuns: 50 },
    );
  });
});
