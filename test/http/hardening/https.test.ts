import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/config/index.js';
import type { AmlopsError } from '../../../src/core/errors/index.js';
import { readTlsFiles } from '../../../src/http/hardening/index.js';
import type { RunningServer } from '../../../src/main/server.js';
import { hardeningHome, listeningServer } from './hardening-kit.js';

const certs = mkdtempSync(join(tmpdir(), 'amlops-tls-'));
const certFile = join(certs, 'cert.pem');
const keyFile = join(certs, 'key.pem');
const { env, remove } = hardeningHome({
  AMLOPS_SERVER_TLS_CERT_FILE: certFile,
  AMLOPS_SERVER_TLS_KEY_FILE: keyFile,
});
let running: RunningServer;

beforeAll(async () => {
  // A throwaway self-signed certificate for 127.0.0.1 and localhost.
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
    ].concat(['-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1']),
    { stdio: 'ignore' },
  );
  running = await listeningServer(env);
});
afterAll(async () => {
  await running?.shutdown();
  remove();
  rmSync(certs, { recursive: true, force: true });
});

function httpsGet(url: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { ca: readFileSync(certFile) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    }).on('error', reject);
  });
}

describe('HTTPS (server.tlsCertFile, server.tlsKeyFile)', () => {
  it('answers HTTPS with the configured certificate, with HSTS', async () => {
    expect(running.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const answer = await httpsGet(`${running.url}/healthz`);
    expect(answer.status).toBe(200);
    expect(answer.headers['strict-transport-security']).toBe('max-age=15552000');
    // Plain HTTP to the same port gets no answer from the API.
    await expect(fetch(running.url.replace('https:', 'http:'))).rejects.toThrow();
  });

  it('wants both files or neither, and says which file it cannot read or use', () => {
    const config = (env: Record<string, string>) => resolveConfig({ env }).config;
    const failure = (env: Record<string, string>) => {
      try {
        readTlsFiles(config(env), certs);
      } catch (error) {
        return error as AmlopsError;
      }
      throw new Error('no error');
    };
    expect(readTlsFiles(config({}), certs)).toBeUndefined();
    const alone = failure({ AMLOPS_SERVER_TLS_CERT_FILE: certFile });
    expect(alone.code).toBe('CONFIG_INVALID');
    expect(alone.message).toContain('server.tlsKeyFile');
    const missing = failure({
      AMLOPS_SERVER_TLS_CERT_FILE: certFile,
      AMLOPS_SERVER_TLS_KEY_FILE: 'gone.pem',
    });
    expect(missing.code).toBe('CONFIG_FILE_UNREADABLE');
    expect(missing.message).toBe(`cannot read server.tlsKeyFile ${join(certs, 'gone.pem')} (ENOENT)`);
    writeFileSync(join(certs, 'not-a-key.pem'), 'hello');
    const garbage = failure({
      AMLOPS_SERVER_TLS_CERT_FILE: certFile,
      AMLOPS_SERVER_TLS_KEY_FILE: 'not-a-key.pem',
    });
    expect(garbage.code).toBe('CONFIG_INVALID');
    expect(garbage.message).toContain('not a PEM certificate and its private key');
    expect(garbage.message).not.toContain('hello');
  });
});
