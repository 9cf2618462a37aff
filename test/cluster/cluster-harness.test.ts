import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startCluster } from './cluster-harness.js';

/** The ids of the live processes whose environment holds `NAME=value`. */
function processesWithEnvironment(entry: string): number[] {
  const found: number[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name)))
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(entry)) found.push(Number(pid));
    } catch {
      // Gone meanwhile, or another user's.
    }
  return found;
}

describe('the cluster harness', () => {
  it('stops every process it started when a step fails', async () => {
    const mark = `CLUSTER_TEST_MARK=${randomUUID()}`;
    const [name, value] = mark.split('=') as [string, string];
    // The replicas refuse to start (a certificate without its key) while the workers start.
    const outcome = await startCluster({
      env: { [name]: value, AMLOPS_SERVER_TLS_CERT_FILE: '/nonexistent/cert.pem' },
    }).then(
      async (cluster) => {
        await cluster.stop();
        return 'started';
      },
      (error: Error) => error.message,
    );
    expect(outcome).toMatch(/^replica [ab] exited before printing/);
    expect(outcome).toContain('server.tlsKeyFile');
    expect(processesWithEnvironment(mark)).toEqual([]);
  });
});
