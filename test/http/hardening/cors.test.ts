import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/config/index.js';
import type { ServerApp } from '../../../src/http/server-app.js';
import { createKeys, hardeningHome, injectableServer } from './hardening-kit.js';

const opened: { server: ServerApp; remove: () => void }[] = [];
afterAll(async () => {
  for (const { server, remove } of opened) {
    await server.app.close();
    await server.close();
    remove();
  }
});

async function open(env: Record<string, string>) {
  const made = hardeningHome(env);
  const keys = await createKeys(made.home, { reader: 'read' });
  const server = await injectableServer(made.env);
  opened.push({ server, remove: made.remove });
  return { server, keys };
}

const UI = 'https://ui.example.com';
const corsHeaders = (headers: Record<string, unknown>) =>
  Object.keys(headers).filter((name) => name.startsWith('access-control-'));

describe('CORS (server.corsOrigins)', () => {
  it('is off by default: no Access-Control-* header, not even for a preflight', async () => {
    const { server } = await open({});
    const get = await server.app.inject({ method: 'GET', url: '/api/v1/runs', headers: { origin: UI } });
    expect(get.statusCode).toBe(200);
    expect(corsHeaders(get.headers)).toEqual([]);
    const preflight = await server.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/runs',
      headers: { origin: UI, 'access-control-request-method': 'GET' },
    });
    expect(corsHeaders(preflight.headers)).toEqual([]);
  });

  it('answers a listed origin (preflight without a key included) and no other', async () => {
    const { server, keys } = await open({ AMLOPS_AUTH_MODE: 'keys', AMLOPS_SERVER_CORS_ORIGINS: UI });
    const preflight = await server.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/runs',
      headers: {
        origin: UI,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(UI);
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('authorization');
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    const get = await server.app.inject({
      method: 'GET',
      url: '/api/v1/runs',
      headers: { origin: UI, authorization: `Bearer ${keys.reader}` },
    });
    expect(get.statusCode).toBe(200);
    expect(get.headers['access-control-allow-origin']).toBe(UI);
    for (const other of [
      'https://evil.example',
      'http://ui.example.com',
      'https://ui.example.com.evil.example',
    ]) {
      const answer = await server.app.inject({
        method: 'GET',
        url: '/api/v1/runs',
        headers: { origin: other, authorization: `Bearer ${keys.reader}` },
      });
      expect(answer.headers['access-control-allow-origin'], other).toBeUndefined();
      const otherPreflight = await server.app.inject({
        method: 'OPTIONS',
        url: '/api/v1/runs',
        headers: { origin: other, 'access-control-request-method': 'GET' },
      });
      expect(otherPreflight.headers['access-control-allow-origin'], other).toBeUndefined();
    }
  });

  it('refuses * and what is not an origin (CONFIG_INVALID naming the setting)', () => {
    for (const value of ['*', 'https://ui.example.com/', 'ui.example.com', 'ftp://ui.example.com'])
      expect(() => resolveConfig({ env: { AMLOPS_SERVER_CORS_ORIGINS: value } }), value).toThrow(
        /server\.corsOrigins/,
      );
  });
});
