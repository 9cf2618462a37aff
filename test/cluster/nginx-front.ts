import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localNginxFiles, throwawayNginxConf } from '../deploy/nginx-proxy.js';
import { freePort } from '../setup/free-port.js';
import { type ClusterProcess, startClusterProcess } from './cluster-process.js';

/** nginx in front of the cluster's replicas. */
export interface NginxFront {
  /** `http://127.0.0.1:PORT`, what clients call. */
  readonly url: string;
  readonly process: ClusterProcess;
  stop(): Promise<void>;
}

/**
 * Starts Debian's nginx with the configuration of deploy/nginx (upstream, passive health checks,
 * retries, timeouts, body limits), its two upstream servers pointed at the replicas' ports, on a
 * free port of 127.0.0.1. One process (`master_process off`), so that killing it leaves no worker.
 *
 * @example
 * const nginx = await startNginxFront([8081, 8082]);
 * await fetch(`${nginx.url}/predict`, { method: 'POST', body });
 * await nginx.stop();
 */
export async function startNginxFront(replicaPorts: readonly [number, number]): Promise<NginxFront> {
  if (!existsSync('/usr/sbin/nginx'))
    throw new Error(
      "the cluster tests run Debian's nginx (/usr/sbin/nginx): `npm test` installs it when root, otherwise: sudo apt-get install -y nginx",
    );
  const dir = mkdtempSync(join(tmpdir(), 'amlops-cluster-nginx-'));
  const port = await freePort();
  mkdirSync(join(dir, 'amlops'));
  for (const [name, text] of Object.entries(localNginxFiles(replicaPorts, port)))
    writeFileSync(join(dir, 'amlops', name), text);
  writeFileSync(join(dir, 'nginx.conf'), throwawayNginxConf(dir));
  const nginx = startClusterProcess(
    'nginx',
    '/usr/sbin/nginx',
    ['-c', join(dir, 'nginx.conf'), '-p', dir, '-e', 'stderr', '-g', 'daemon off; master_process off;'],
    { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/bin' },
  );
  const stop = async () => {
    await nginx.stop(5000);
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  // deploy/nginx answers /metrics with 403 itself: nginx is up, whatever the replicas' state.
  while (
    !(await fetch(`${url}/metrics`).then(
      (r) => r.status === 403,
      () => false,
    ))
  ) {
    if (Date.now() > deadline || nginx.output().includes('[emerg]')) {
      await stop();
      throw new Error(`nginx did not start:\n${nginx.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, process: nginx, stop };
}
