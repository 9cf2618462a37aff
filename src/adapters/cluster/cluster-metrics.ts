import cluster from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

/** How long a worker waits for the primary's sum of every worker's metrics. */
const TIMEOUT_MS = 5000;

type Request = { readonly amlopsMetrics: 'request'; readonly id: number };
type Response = {
  readonly amlopsMetrics: 'response';
  readonly id: number;
  readonly text?: string;
  readonly error?: string;
};

function isMessage<T extends { amlopsMetrics: string }>(
  message: unknown,
  kind: T['amlopsMetrics'],
): message is T {
  return (message as { amlopsMetrics?: unknown } | null)?.amlopsMetrics === kind;
}

/**
 * In the primary of a serving cluster: answers a worker's request for the whole cluster's metrics
 * with prom-client's aggregation of every worker's registry (counters and histograms summed, gauges
 * by their own aggregator), so that a scrape, whichever worker takes it, counts every worker.
 *
 * @example
 * if (cluster.isPrimary) answerClusterMetrics();
 */
export function answerClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message) => {
    if (!isMessage<Request>(message, 'request')) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ amlopsMetrics: 'response', id: message.id, text } satisfies Response),
      (error: Error) =>
        worker.send({ amlopsMetrics: 'response', id: message.id, error: error.message } satisfies Response),
    );
  });
}

/**
 * In a worker of a serving cluster: shares this worker's registry with the primary's aggregation
 * and returns how to ask the primary for the whole cluster's metrics text.
 *
 * @example
 * const clusterMetrics = clusterMetricsOfWorker(metrics.registry);
 * reply.send(await clusterMetrics());
 */
export function clusterMetricsOfWorker(registry: Registry): () => Promise<string> {
  AggregatorRegistry.setRegistries([registry]);
  // prom-client answers the primary's requests from a worker once an aggregator exists there.
  new AggregatorRegistry();
  const pending = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>();
  let next = 0;
  process.on('message', (message) => {
    if (!isMessage<Response>(message, 'response')) return;
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (message.text !== undefined) waiting?.resolve(message.text);
    else waiting?.reject(new Error(`the cluster's metrics could not be gathered: ${message.error}`));
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`the primary did not answer with the cluster's metrics within ${TIMEOUT_MS} ms`));
      }, TIMEOUT_MS);
      pending.set(id, {
        resolve: (text) => {
          clearTimeout(timer);
          resolve(text);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      process.send?.({ amlopsMetrics: 'request', id } satisfies Request);
    });
}
