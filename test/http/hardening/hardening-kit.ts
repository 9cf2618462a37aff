import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqlApiKeyStore } from '../../../src/adapters/sql/api-key-sql-store.js';
import { openSqlDatabase } from '../../../src/adapters/sql/open-sql-database.js';
import { resolveConfig } from '../../../src/config/index.js';
import type { Role } from '../../../src/core/auth/index.js';
import { openServerApp, type ServerApp } from '../../../src/http/server-app.js';
import { type RunningServer, startScoringProcess } from '../../../src/main/server.js';
import { createApiKey } from '../../../src/services/api-keys.js';

/** A fresh home directory and the environment of a quiet server in it, plus `env`. */
export function hardeningHome(env: Record<string, string> = {}) {
  const home = mkdtempSync(join(tmpdir(), 'amlops-hardening-'));
  return {
    home,
    env: { AMLOPS_HOME: home, AMLOPS_LOG_LEVEL: 'silent', AMLOPS_PORT: '0', ...env },
    remove: () => rmSync(home, { recursive: true, force: true }),
  };
}

/** Creates API keys in the home's store (before the server opens it), by name and role. */
export async function createKeys(home: string, keys: Record<string, Role>): Promise<Record<string, string>> {
  const database = await openSqlDatabase(`sqlite:${join(home, 'amlops.db')}`);
  const store = await SqlApiKeyStore.open(database);
  await database.close();
  const made: Record<string, string> = {};
  for (const [name, role] of Object.entries(keys))
    made[name] = (await createApiKey(store, { name, role, by: 'test', now: Date.now() })).key;
  await store.close();
  return made;
}

/** An in-process server for `app.inject`, configured by environment variables. */
export async function injectableServer(env: Record<string, string>): Promise<ServerApp> {
  return openServerApp(resolveConfig({ env }).config, { cwd: env.AMLOPS_HOME ?? tmpdir(), version: 'test' });
}

/** A server listening on 127.0.0.1, a free port, configured by environment variables. */
export async function listeningServer(env: Record<string, string>): Promise<RunningServer> {
  return startScoringProcess(resolveConfig({ env }).config, {
    cwd: env.AMLOPS_HOME ?? tmpdir(),
    version: 'test',
    retention: false,
  });
}

/** A plain HTTP GET to the server with the `Host` header given (fetch does not let a page set it). */
export function getWithHost(
  url: string,
  host: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Asserts nothing of the body is more than amlops' error shape: no stack, no file path. */
export function hasNoInternals(body: string): boolean {
  return !/\bat \S+ \(|\/src\/|\/node_modules\/|\.ts:\d+|\.js:\d+|node:internal|stack/i.test(body);
}
