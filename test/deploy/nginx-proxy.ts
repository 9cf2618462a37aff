import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../setup/free-port.js';
import { readDeployFile } from './deploy-files.js';

/** What a fake replica received. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly bodyBytes: number;
  readonly remotePort: number;
}

/** A stand-in for `amlops serve` answering every request with one status and a JSON body. */
export interface FakeReplica {
  readonly name: string;
  readonly received: ReceivedRequest[];
  readonly port: number;
}

async function startReplica(name: string, status: number): Promise<FakeReplica & { server: Server }> {
  const received: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: body.length < 10_000 ? body.toString('utf8') : '',
        bodyBytes: body.length,
        remotePort: request.socket.remotePort ?? 0,
      });
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ replica: name }));
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { name, received, port, server };
}

/** deploy/nginx running on 127.0.0.1 in front of two fake replicas. */
export interface RunningProxy {
  readonly url: string;
  readonly replicas: readonly [FakeReplica, FakeReplica];
  stop(): Promise<void>;
}

/**
 * The files of deploy/nginx with their two upstream servers pointed at the given ports and the
 * plain-HTTP server listening on 127.0.0.1:`port`; fails when the files no longer have that shape.
 */
export function localNginxFiles(ports: readonly [number, number], port: number): Record<string, string> {
  const conf = readDeployFile('nginx/amlops.conf');
  const upstreams = [...conf.matchAll(/^(\s*server )172\.30\.89\.1[12]:8080( .*)$/gm)];
  const listens = [...conf.matchAll(/^(\s*)listen 80;$/gm)];
  if (upstreams.length !== 2 || listens.length !== 1)
    throw new Error('deploy/nginx/amlops.conf no longer has two upstream servers and one `listen 80;`');
  let index = 0;
  const local = conf
    .replace(/^(\s*server )172\.30\.89\.1[12]:8080( .*)$/gm, (_line, head, tail) => {
      const replicaPort = ports[index++];
      return `${head}127.0.0.1:${replicaPort}${tail}`;
    })
    .replace(/^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${port};`);
  return { 'amlops.conf': local, 'amlops-locations.conf': readDeployFile('nginx/amlops-locations.conf') };
}

/**
 * A throwaway main configuration that includes deploy/nginx as an operator's nginx.conf does
 * (`include amlops/amlops.conf;` in `http`), with its pid, logs and temporary files in `dir`.
 */
export function throwawayNginxConf(dir: string): string {
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'])
    mkdirSync(join(dir, sub), { recursive: true });
  return [
    `pid ${join(dir, 'nginx.pid')};`,
    'error_log stderr warn;',
    'worker_processes 1;',
    'events { worker_connections 256; }',
    'http {',
    `  client_body_temp_path ${join(dir, 'body')};`,
    `  proxy_temp_path ${join(dir, 'proxy')};`,
    `  fastcgi_temp_path ${join(dir, 'fastcgi')};`,
    `  uwsgi_temp_path ${join(dir, 'uwsgi')};`,
    `  scgi_temp_path ${join(dir, 'scgi')};`,
    '  access_log off;',
    '  include amlops/amlops.conf;',
    '}',
    '',
  ].join('\n');
}

/**
 * Starts Debian's nginx with deploy/nginx in front of two fake replicas answering `statuses[0]`
 * and `statuses[1]` to everything.
 *
 * @example
 * const proxy = await startProxy([503, 200]);
 * await fetch(`${proxy.url}/predict`, { method: 'POST', body: '{}' });
 * await proxy.stop();
 */
export async function startProxy(statuses: readonly [number, number]): Promise<RunningProxy> {
  const [a, b] = await Promise.all([startReplica('a', statuses[0]), startReplica('b', statuses[1])]);
  const dir = mkdtempSync(join(tmpdir(), 'amlops-nginx-'));
  // As root, nginx's workers run as `nobody`: they must reach the temporary directories.
  chmodSync(dir, 0o755);
  const port = await freePort();
  mkdirSync(join(dir, 'amlops'));
  for (const [name, text] of Object.entries(localNginxFiles([a.port, b.port], port)))
    writeFileSync(join(dir, 'amlops', name), text);
  writeFileSync(join(dir, 'nginx.conf'), throwawayNginxConf(dir));
  const child: ChildProcess = spawn(
    '/usr/sbin/nginx',
    ['-c', join(dir, 'nginx.conf'), '-p', dir, '-e', 'stderr', '-g', 'daemon off;'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (data) => {
    log = (log + data).slice(-4000);
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await Promise.all([a, b].map((r) => new Promise((resolve) => r.server.close(resolve))));
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`nginx exited with ${child.exitCode}: ${log}`);
    }
    const up = await fetch(`${url}/metrics`).then(
      (r) => r.status === 403,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`nginx did not answer within 10 s: ${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, replicas: [a, b], stop };
}
