import { connect } from 'node:net';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { AmlopsError } from '../core/errors/index.js';
import { MAX_PATH_PARAMETER_LENGTH } from './error-body.js';
import { frameworkErrorAnswers, installErrorBoundary } from './error-boundary.js';

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
      ...frameworkErrorAnswers(),
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

  it('answers bytes that are no readable request, and a URL over 16 KB, in the same shape, and counts them', async () => {
    const counted: string[] = [];
    const server = Fastify({ logger: false, ...frameworkErrorAnswers((code) => counted.push(code)) });
    installErrorBoundary(server);
    server.get('/models/:name', async (request) => request.params);
    await server.listen({ host: '127.0.0.1', port: 0 });
    const { port } = server.server.address() as { port: number };
    try {
      const long = await fetch(`http://127.0.0.1:${port}/models/x?q=${'v'.repeat(20_000)}`);
      expect(long.status).toBe(431);
      const longBody = (await long.json()) as { error: { code: string }; request_id: string };
      expect(longBody.error.code).toBe('HTTP_HEADERS_TOO_LARGE');
      expect(longBody.request_id).toBeTruthy();
      const garbage = await rawExchange(port, 'HELLO THERE\r\n\r\n');
      expect(garbage).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(JSON.parse(garbage.split('\r\n\r\n')[1]!).error.code).toBe('HTTP_MALFORMED_REQUEST');
      expect(counted).toEqual(['HTTP_HEADERS_TOO_LARGE', 'HTTP_MALFORMED_REQUEST']);
    } finally {
      await server.close();
    }
  });
});

describe('a body refused before it is read', () => {
  it('is read to its end before the answer, so that a client that writes it all before reading gets the 413, not a reset', async () => {
    const server = app();
    await server.listen({ host: '127.0.0.1', port: 0 });
    const { port } = server.server.address() as { port: number };
    try {
      const answer = await writeAllThenRead(port, '/echo', Buffer.alloc(4_000_000, 0x20));
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(answer).toContain('"code":"HTTP_BODY_TOO_LARGE"');
    } finally {
      await server.close();
    }
  });
});

/**
 * A client as simple as many are: it sends the request head, then (a moment later, as a slow
 * network would) the whole body, and only then reads what came back; the bytes read, or the error.
 */
function writeAllThenRead(port: number, path: string, body: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.pause();
    let answer = '';
    let error = '';
    socket.on('error', (e) => {
      error = (e as NodeJS.ErrnoException).code ?? e.message;
    });
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    setTimeout(() => {
      socket.write(body, () => {
        socket.on('data', (chunk) => {
          answer += chunk.toString('utf8');
          if (answer.includes('}')) socket.destroy();
        });
        socket.resume();
      });
    }, 200);
    socket.on('close', () => resolve(answer || error));
  });
}

/** What a server answers to `bytes` sent on a fresh connection, until it closes it. */
function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}
