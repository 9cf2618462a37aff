import { afterAll, beforeAll } from 'vitest';
import { type Cluster, type ClusterOptions, startCluster } from './cluster-harness.js';

/**
 * Registers (at the top of a test file) a cluster started before its tests and stopped after
 * them, passing or failing. Returns the running cluster.
 *
 * @example
 * const cluster = useCluster({ replicas: 0 });
 * it('…', async () => { await cluster().amlops('models', 'versions'); });
 */
export function useCluster(options: ClusterOptions = {}): () => Cluster {
  let cluster: Cluster | undefined;
  beforeAll(async () => {
    cluster = await startCluster(options);
  }, 180_000);
  afterAll(async () => {
    await cluster?.stop();
  }, 120_000);
  return () => {
    if (!cluster) throw new Error('the cluster did not start (see the error of beforeAll)');
    return cluster;
  };
}
