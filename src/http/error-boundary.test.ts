import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { AmlopsError } from '../core/errors/index.js';
import { MAX_PATH_PARAMETER_LENGTH } from './error-body.js';
import { answerFrameworkError, installErrorBoundary } from './error-boundary.js';

function app() {
  const server = Fastify({ logger: false, bodyLimit: 64 });
  installErrorBoundary(server);
  server.post('/echo', async (request) => ({ body: request.body }));
  server.get('/refuse', async () => {
    throw new AmlopsError('DATA_INVALID', 'column x is missing', { column: 'x' });
  });
  server.get('/bug', async () => {
    throw new Error('secret internals at /srv/app.ts:12');
  });
  return server;
}

describe('the HTTP error boundary', () => {
  it('answers an AmlopsError with its status, code, message and details', async () => {
    const res = await app().inject({ method: 'GET', url: '/refuse' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      error: { code: 'DATA_INVALID', message: 'column x is missing', details: { column: 'x' } },
    });
    expect(res.json().request_id).toBeTruthy();
  });

  it('answers a bug with 500 and no internals', async () => {
    const res = await app().inject({ method: 'GET', url: '/bug' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret');
    expect(res.json().error.code).toBe('INTERNAL');
  });

  it('refuses malformed JSON (400), wrong content type (415), too large bodies (413), unknown routes (404)', async () => {
    const server = app();
    const bad = await server.inject({
      method: 'POST',
      url: '/echo',
      payload: '{"a":',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('HTTP_INVALID_JSON');
    const text = await server.inject({
      method: 'POST',
      url: '/echo',
      payload: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('HTTP_UNSUPPORTED_MEDIA_TYPE');
    const big = await server.inject({ method: 'POST', url: '/echo', payload: { x: 'y'.repeat(200) } });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('HTTP_BODY_TOO_LARGE');
    const none = await server.inject({ method: 'GET', url: '/nowhere?x=1' });
    expect(none.statusCode).toBe(404);
    expect(none.json().error).toMatchObject({
      code: 'HTTP_ROUTE_NOT_FOUND',
      message: 'no endpoint GET /nowhere',
    });
  });

  it('answers paths the router refuses in the same shape, without echoing them', async () => {
    const server = Fastify({
      logger: false,
      routerOptions: { maxParamLength: MAX_PATH_PARAMETER_LENGTH },
      frameworkErrors: answerFrameworkError,
    });
    installErrorBoundary(server);
    server.get('/models/:name', async (request) => request.params);
    const long = await server.inject({ method: 'GET', url: `/models/${'n'.repeat(5000)}` });
    expect(long.statusCode).toBe(414);
    expect(long.json().error.code).toBe('HTTP_PATH_PARAMETER_TOO_LONG');
    expect(long.body.length).toBeLessThan(300);
    const broken = await server.inject({ method: 'GET', url: '/models/100%' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('HTTP_MALFORMED_PATH');
    expect(broken.json().request_id).toBeTruthy();
  });
});
