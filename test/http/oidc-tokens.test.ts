import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

/** A private key as jose's generateKeyPair gives it. */
type KeyLike = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/index.js';
import type { AmlopsError } from '../../src/core/errors/index.js';
import { UNAUTHORIZED_MESSAGE } from '../../src/http/auth/install-auth.js';
import { openServerApp, type ServerApp } from '../../src/http/server-app.js';
import { callerVerifierOf } from '../../src/services/caller-verifier-of.js';
import { OidcVerifier } from '../../src/services/oidc-verifier.js';

/** An identity provider of the test's own: a key pair, its JWKS served on loopback, tokens it signs. */
const home = mkdtempSync(join(tmpdir(), 'amlops-oidc-'));
const ISSUER = 'https://id.test';
let jwks: Server;
let server: ServerApp;
let signingKey: KeyLike;
let strangerKey: KeyLike;
let oidc: { jwksUrl: string; issuer: string; audience: string };

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const publicJwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  jwks = createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const { port } = jwks.address() as AddressInfo;
  oidc = { jwksUrl: `http://127.0.0.1:${port}/jwks`, issuer: ISSUER, audience: 'amlops' };
  const { config } = resolveConfig({
    env: {
      AMLOPS_HOME: home,
      AMLOPS_LOG_LEVEL: 'silent',
      AMLOPS_AUTH_MODE: 'oidc',
      AMLOPS_AUTH_OIDC_JWKS_URL: `http://127.0.0.1:${port}/jwks`,
      AMLOPS_AUTH_OIDC_ISSUER: ISSUER,
      AMLOPS_AUTH_OIDC_AUDIENCE: 'amlops',
    },
  });
  server = await openServerApp(config, { cwd: home, version: 'test' });
});
afterAll(async () => {
  await server?.app.close();
  await server?.close();
  jwks?.close();
  rmSync(home, { recursive: true, force: true });
});

async function token(
  claims: Record<string, unknown> = {},
  options: { key?: KeyLike; audience?: string; expires?: string | number; issuer?: string } = {},
): Promise<string> {
  return new SignJWT({ amlops_role: 'write', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setSubject('ana@bank.example')
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? 'amlops')
    .setIssuedAt()
    .setExpirationTime(options.expires ?? '5m')
    .sign(options.key ?? signingKey);
}

const get = (url: string, bearer?: string) =>
  server.app.inject({ method: 'GET', url, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
const message = (answer: { body: string }) => JSON.parse(answer.body).error?.message as string;

describe('OIDC tokens (auth.mode=oidc)', () => {
  it('admits a token the provider signed for this audience, with the role of its claim; the subject is the caller', async () => {
    expect((await get('/api/v1/runs', await token())).statusCode).toBe(200);
    expect((await get('/api/v1/runs', await token({ amlops_role: ['score', 'read'] }))).statusCode).toBe(200);
    const scoreOnly = await get('/api/v1/runs', await token({ amlops_role: 'score' }));
    expect(scoreOnly.statusCode).toBe(403);
    expect(message(scoreOnly)).toBe(
      "this route needs a key of role read (or one that grants it); the key 'ana@bank.example' has role score",
    );
    const noRole = await get('/api/v1/runs', await token({ amlops_role: 'superuser' }));
    expect(noRole.statusCode).toBe(403);
    expect(message(noRole)).toContain('names no amlops role in its amlops_role claim');
  });

  it('refuses expired tokens, other audiences and issuers, other keys and alg none: 401 telling nothing, the reason for the log', async () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({
      sub: 'mallory',
      iss: ISSUER,
      aud: 'amlops',
      exp: Math.floor(Date.now() / 1000) + 300,
      amlops_role: 'admin',
    })}.`;
    const refused: [string, RegExp][] = [
      [await token({}, { expires: Math.floor(Date.now() / 1000) - 3600 }), /^the token has expired$/],
      [await token({}, { audience: 'another-service' }), /^the token's aud claim is not accepted/],
      [await token({}, { issuer: 'https://evil.test' }), /^the token's iss claim is not accepted/],
      [
        await token({}, { key: strangerKey }),
        /^the token's signature does not match any key of the identity provider$/,
      ],
      [unsigned, /^the token's algorithm is not accepted|^the token is malformed/],
      ['not.a.token', /^the token is malformed/],
    ];
    const verifier = new OidcVerifier({ ...oidc, roleClaim: 'amlops_role', clockSkewSeconds: 60 });
    for (const [bearer, reason] of refused) {
      const answer = await get('/api/v1/runs', bearer);
      expect([answer.statusCode, JSON.parse(answer.body).error]).toEqual([
        401,
        { code: 'HTTP_UNAUTHORIZED', message: UNAUTHORIZED_MESSAGE },
      ]);
      const why = await verifier.verify(`Bearer ${bearer}`).then(
        () => 'admitted',
        (error: Error) => error.message,
      );
      expect(why).toMatch(reason);
    }
    expect((await get('/api/v1/runs')).statusCode).toBe(401);
    // Health checks stay public.
    expect((await get('/healthz')).statusCode).toBe(200);
  });

  it('names a missing OIDC setting, and answers 503 when the provider cannot be reached', async () => {
    const config = (env: Record<string, string>) =>
      resolveConfig({ env: { AMLOPS_AUTH_MODE: 'oidc', ...env } }).config;
    expect(() => callerVerifierOf(config({}), undefined as never)).toThrow(
      'auth.mode oidc needs auth.oidc.jwksUrl',
    );
    expect(() =>
      callerVerifierOf(
        config({
          AMLOPS_AUTH_OIDC_JWKS_URL: 'file:///etc/keys',
          AMLOPS_AUTH_OIDC_ISSUER: 'i',
          AMLOPS_AUTH_OIDC_AUDIENCE: 'a',
        }),
        undefined as never,
      ),
    ).toThrow('auth.oidc.jwksUrl must be an http(s) URL');
    const unreachable = new OidcVerifier({
      jwksUrl: 'http://127.0.0.1:9/jwks',
      issuer: ISSUER,
      audience: 'amlops',
      roleClaim: 'amlops_role',
      clockSkewSeconds: 60,
    });
    const failure = await unreachable.verify(`Bearer ${await token()}`).catch((error: AmlopsError) => error);
    expect(failure).toMatchObject({ code: 'HTTP_AUTH_UNAVAILABLE' });
  });
});
