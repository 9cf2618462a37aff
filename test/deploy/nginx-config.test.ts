import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SETTINGS } from '../../src/config/settings.js';
import { ROUTE_ROLES } from '../../src/http/auth/route-roles.js';
import { LOG_BATCH_BODY_LIMIT } from '../../src/http/hardening/route-body-limits.js';
import { debianProgram } from './debian-program.js';
import { readDeployFile } from './deploy-files.js';
import { type RunningProxy, startProxy, throwawayNginxConf } from './nginx-proxy.js';

const nginx = debianProgram('/usr/sbin/nginx', 'nginx');
if (!nginx.present) process.stderr.write(`deploy/nginx tests skipped: ${nginx.reason}\n`);

/** One request over node:http (which sends the Host it is given), with its answer. */
function send(
  url: string,
  options: { method?: string; path: string; host?: string; body?: Buffer | string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    const req = request(
      `${url}${options.path}`,
      {
        method: options.method ?? 'GET',
        headers: {
          host: options.host ?? 'amlops.example.com',
          ...(body ? { 'content-type': 'application/json', 'content-length': body.length } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** `nginx -t` on a throwaway main configuration including deploy/nginx (as given in `files`). */
function nginxTest(files: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'amlops-nginx-t-'));
  try {
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'amlops'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'amlops', name), text);
    writeFileSync(join(dir, 'nginx.conf'), throwawayNginxConf(dir));
    const run = spawnSync(
      '/usr/sbin/nginx',
      ['-t', '-c', join(dir, 'nginx.conf'), '-p', dir, '-e', 'stderr'],
      {
        encoding: 'utf8',
      },
    );
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const deployed = () => ({
  'amlops.conf': readDeployFile('nginx/amlops.conf'),
  'amlops-locations.conf': readDeployFile('nginx/amlops-locations.conf'),
});

describe.skipIf(!nginx.present)('deploy/nginx', () => {
  let proxy: RunningProxy | undefined;
  afterEach(async () => {
    await proxy?.stop();
    proxy = undefined;
  });

  it('passes `nginx -t` as shipped (upstream addresses of deploy/compose.yaml)', () => {
    const result = nginxTest(deployed());
    expect(result.output).toContain('test is successful');
    expect(result.status).toBe(0);
  });

  it('passes `nginx -t` with its commented TLS server block turned on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'amlops-tls-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-subj',
          '/CN=amlops.example.com',
          '-days',
          '1',
          '-keyout',
          join(dir, 'privkey.pem'),
          '-out',
          join(dir, 'fullchain.pem'),
        ],
        { stdio: 'pipe' },
      );
      chmodSync(dir, 0o755);
      const files = deployed();
      const block = /^# server \{\n(?:#.*\n)*?# \}$/m.exec(files['amlops.conf']);
      expect(block, 'a commented `# server { … # }` block').not.toBeNull();
      const tls = block![0]
        .replace(/^# ?/gm, '')
        .replace(/\/etc\/letsencrypt\/live\/amlops\.example\.com/g, dir);
      expect(tls).toContain('listen 443 ssl');
      files['amlops.conf'] = files['amlops.conf'].replace(block![0], tls);
      const result = nginxTest(files);
      expect(result.output).toContain('test is successful');
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('routes every scoring URL of amlops, and no other POST route, through the scoring location', () => {
    const pattern = /location ~ (\S+) \{/.exec(readDeployFile('nginx/amlops-locations.conf'))?.[1];
    expect(pattern).toBeDefined();
    const scoring = new RegExp(pattern!);
    const sample = (url: string) => url.replace(/:[a-z]+/gi, 'x1').replace('*', 'a');
    for (const route of ROUTE_ROLES.filter((r) => r.method === 'POST'))
      expect(scoring.test(sample(route.url)), `${route.method} ${route.url}`).toBe(route.access === 'score');
  });

  it('forwards Host, X-Forwarded-For and X-Forwarded-Proto, and keeps connections to the replicas open', async () => {
    proxy = await startProxy([200, 200]);
    for (let i = 0; i < 8; i++) expect((await send(proxy.url, { path: '/healthz' })).status).toBe(200);
    const received = proxy.replicas.flatMap((r) => r.received);
    expect(received).toHaveLength(8);
    for (const r of received) {
      expect(r.headers.host).toBe('amlops.example.com');
      expect(r.headers['x-forwarded-for']).toBe('127.0.0.1');
      expect(r.headers['x-forwarded-proto']).toBe('http');
      expect(r.headers.connection).toBeUndefined();
    }
    // Keep-alive: the replicas saw fewer connections than requests.
    expect(new Set(received.map((r) => r.remotePort)).size).toBeLessThan(8);
    expect(new Set(proxy.replicas.map((r) => r.received.length > 0))).toEqual(new Set([true]));
  });

  it('sends a scoring request that a draining replica refused (503) to the other replica', async () => {
    proxy = await startProxy([503, 200]);
    const [draining, serving] = proxy.replicas;
    for (let i = 0; i < 4; i++) {
      const answer = await send(proxy.url, { method: 'POST', path: '/predict', body: `{"case":${i}}` });
      expect(answer).toEqual({ status: 200, body: '{"replica":"b"}' });
    }
    expect(draining.received.length).toBeGreaterThan(0);
    expect(serving.received.map((r) => r.body)).toEqual([0, 1, 2, 3].map((i) => `{"case":${i}}`));
  });

  it('never sends another POST (feedback) twice: a refused one is answered with the refusal', async () => {
    proxy = await startProxy([503, 200]);
    const [draining, serving] = proxy.replicas;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await send(proxy.url, { method: 'POST', path: '/feedback', body: `{"n":${i}}` })).status,
      );
    expect(draining.received.length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 503)).toHaveLength(draining.received.length);
    const seen = [...draining.received, ...serving.received].map((r) => r.body).sort();
    expect(seen).toEqual([0, 1, 2, 3].map((i) => `{"n":${i}}`));
  });

  it("takes scoring bodies up to scoring.bodyLimitBytes' default and refuses larger ones in amlops' error shape", async () => {
    proxy = await startProxy([200, 200]);
    const limit = SETTINGS['scoring.bodyLimitBytes'].default;
    const atLimit = await send(proxy.url, {
      method: 'POST',
      path: '/predict',
      body: Buffer.alloc(limit, 32),
    });
    expect(atLimit.status).toBe(200);
    const over = await send(proxy.url, {
      method: 'POST',
      path: '/predict',
      body: Buffer.alloc(limit + 1, 32),
    });
    expect(over.status).toBe(413);
    expect(JSON.parse(over.body).error.code).toBe('HTTP_BODY_TOO_LARGE');
    const received = proxy.replicas.flatMap((r) => r.received);
    expect(received.map((r) => r.bodyBytes)).toEqual([limit]);
    // Elsewhere the largest body amlops takes is MLflow's log-batch.
    const batch = await send(proxy.url, {
      method: 'POST',
      path: '/api/2.0/mlflow/runs/log-batch',
      body: Buffer.alloc(LOG_BATCH_BODY_LIMIT, 32),
    });
    expect(batch.status).toBe(200);
    const tooBig = await send(proxy.url, {
      method: 'POST',
      path: '/feedback',
      body: Buffer.alloc(LOG_BATCH_BODY_LIMIT + 1, 32),
    });
    expect(tooBig.status).toBe(413);
  });

  it('refuses /metrics from outside (Prometheus scrapes the replicas directly)', async () => {
    proxy = await startProxy([200, 200]);
    expect((await send(proxy.url, { path: '/metrics' })).status).toBe(403);
    expect(proxy.replicas.flatMap((r) => r.received.filter((q) => q.url === '/metrics'))).toEqual([]);
  });
});
