import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/config/index.js';
import type { AmlopsError } from '../../../src/core/errors/index.js';
import { allowedHostsOf, hostName } from '../../../src/http/hardening/index.js';
import type { RunningServer } from '../../../src/main/server.js';
import { getWithHost, hardeningHome, hasNoInternals, listeningServer } from './hardening-kit.js';

const { env, remove } = hardeningHome();
let running: RunningServer;
let port: string;

beforeAll(async () => {
  running = await listeningServer(env);
  port = new URL(running.url).port;
});
afterAll(async () => {
  await running?.shutdown();
  remove();
});

describe('Host allowlist (server.allowedHosts)', () => {
  it('answers for 127.0.0.1, localhost and [::1], whatever the port', async () => {
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `LOCALHOST:${port}`,
      `[::1]:${port}`,
      'localhost',
    ])
      expect((await getWithHost(`${running.url}/healthz`, host)).status, host).toBe(200);
    expect((await fetch(`${running.url}/version`)).status).toBe(200);
  });

  it('refuses another site and a DNS-rebinding Host with the right port, health checks included, in each API shape', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1.evil.example:${port}`]) {
      const answer = await getWithHost(`${running.url}/healthz`, host);
      expect(answer.status, host).toBe(421);
      expect(hasNoInternals(answer.body)).toBe(true);
      const body = JSON.parse(answer.body);
      expect(body.error.code).toBe('HTTP_HOST_NOT_ALLOWED');
      expect(body.error.message).toContain('server.allowedHosts');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
    }
    const mlflow = await getWithHost(
      `${running.url}/api/2.0/mlflow/experiments/list`,
      `evil.example:${port}`,
    );
    expect(mlflow.status).toBe(421);
    expect(JSON.parse(mlflow.body)).toMatchObject({ error_code: 'PERMISSION_DENIED' });
    expect((await getWithHost(`${running.url}/no-such-path`, 'evil.example')).status).toBe(421);
  });

  it('adds server.host when it is one name or address, and * turns the check off', () => {
    const hosts = (env: Record<string, string>) => allowedHostsOf(resolveConfig({ env }).config);
    expect(hosts({})).toEqual(['localhost', '127.0.0.1', '[::1]']);
    expect(hosts({ AMLOPS_HOST: '0.0.0.0' })).toEqual(['localhost', '127.0.0.1', '[::1]']);
    expect(hosts({ AMLOPS_HOST: '::' })).toEqual(['localhost', '127.0.0.1', '[::1]']);
    expect(hosts({ AMLOPS_HOST: '10.0.0.5' })).toContain('10.0.0.5');
    expect(hosts({ AMLOPS_HOST: 'fd00::5' })).toContain('[fd00::5]');
    expect(hosts({ AMLOPS_SERVER_ALLOWED_HOSTS: 'Amlops.Example.com' })).toEqual([
      'amlops.example.com',
      '127.0.0.1',
    ]);
    expect(hosts({ AMLOPS_SERVER_ALLOWED_HOSTS: '*' })).toEqual(['*']);
    expect(hostName('[::1]:8080')).toBe('[::1]');
    expect(hostName('Example.COM:443')).toBe('example.com');
  });

  it('refuses a list entry with a port, a scheme or an unbracketed IPv6 address (CONFIG_INVALID naming it)', () => {
    for (const [value, says] of [
      ['localhost:8080', "'localhost:8080'"],
      ['https://amlops.example.com', 'without scheme'],
      ['::1', '[::1]'],
      ['*,localhost', "'*'"],
    ] as const) {
      try {
        resolveConfig({ env: { AMLOPS_SERVER_ALLOWED_HOSTS: value } });
        expect.unreachable(value);
      } catch (error) {
        expect((error as AmlopsError).code).toBe('CONFIG_INVALID');
        expect((error as AmlopsError).message).toContain('server.allowedHosts');
        expect((error as AmlopsError).message).toContain(says);
      }
    }
  });
});
