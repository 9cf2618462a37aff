import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { installErrorBoundary } from '../error-boundary.js';
import { readWebUiFiles } from './web-ui-files.js';
import { registerWebUiRoutes } from './web-ui-routes.js';

const root = mkdtempSync(join(tmpdir(), 'amlops-web-files-'));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<!doctype html><script src="/assets/main-AB12.js"></script>');
writeFileSync(join(root, 'assets', 'main-AB12.js'), 'console.log(1)');
writeFileSync(join(root, 'assets', 'main-CD34.css'), 'body{}');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function app(files: ReturnType<typeof readWebUiFiles>) {
  const server = Fastify({ logger: false });
  installErrorBoundary(server);
  registerWebUiRoutes(server, files);
  return server;
}

describe('the web UI files', () => {
  it('answers the page uncached and the hashed assets cached for a year, with their types', async () => {
    const server = app(readWebUiFiles(root));
    const page = await server.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body).toContain('/assets/main-AB12.js');
    const script = await server.inject({ method: 'GET', url: '/assets/main-AB12.js' });
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.body).toBe('console.log(1)');
    expect(
      (await server.inject({ method: 'GET', url: '/assets/main-CD34.css' })).headers['content-type'],
    ).toBe('text/css; charset=utf-8');
  });

  it('serves only the files of the build: other names, traversal included, are 404', async () => {
    const server = app(readWebUiFiles(root));
    for (const url of [
      '/assets/other.js',
      '/assets/..%2Findex.html',
      '/assets/%2E%2E%2F%2E%2E%2Fpackage.json',
    ]) {
      const answer = await server.inject({ method: 'GET', url });
      expect(answer.statusCode, url).toBe(404);
      expect(answer.json().error.code).toBe('NOT_FOUND');
    }
  });

  it('says how to build the UI when it was not built', async () => {
    expect(readWebUiFiles(join(root, 'nowhere'))).toBeUndefined();
    const answer = await app(undefined).inject({ method: 'GET', url: '/' });
    expect(answer.statusCode).toBe(503);
    expect(answer.json().error).toMatchObject({ code: 'WEB_UI_NOT_BUILT' });
    expect(answer.json().error.message).toContain('npm run build');
  });
});
