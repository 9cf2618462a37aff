import { beforeAll, describe, expect, it } from 'vitest';
import { FAST_PARAMS, queueTraining, uploadCases, waitForRun } from './cluster-training.js';
import { startRequestStream } from './request-stream.js';
import {
  halfSentPredict,
  predictRequestsServed,
  SCORING_BODY,
  waitUntilRefused,
  waitUntilServing,
} from './scoring-client.js';
import type { ScoringReplica } from './scoring-replica.js';
import { useCluster } from './use-cluster.js';

// Clients score through nginx (deploy/nginx: passive health checks, a scoring request not yet
// answered is sent to the other replica) while replicas die or are restarted one at a time.
// Counted from the client's side: every request must get a 200 naming the model.

const cluster = useCluster({ workers: 1 });
const RATE = 40;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  const c = cluster();
  const data = await uploadCases(c, { rows: 3000, seed: 5 });
  const id = await queueTraining(c, { data, params: FAST_PARAMS, promote: true });
  expect(
    // Until the run has ended: Pending (queued, not yet taken) and Retrying are not an end either.
    await waitForRun(c, id, (run) => !['Scheduled', 'Pending', 'Running', 'Retrying'].includes(run.state)),
  ).toMatchObject({
    state: 'Completed',
  });
  await Promise.all(c.replicas.map((replica) => waitUntilServing(replica.url, '1')));
}, 120_000);

/**
 * Resolves once nginx sends requests to `replica` again (its own count of scoring requests grows):
 * after a failure, nginx leaves a replica out for `fail_timeout` (10 s in deploy/nginx).
 */
async function waitUntilNginxUses(replica: ScoringReplica, timeoutMs = 30_000): Promise<void> {
  const before = await predictRequestsServed(replica.url);
  const deadline = Date.now() + timeoutMs;
  while ((await predictRequestsServed(replica.url)) <= before) {
    if (Date.now() > deadline)
      throw new Error(`nginx sent replica ${replica.name} nothing for ${timeoutMs} ms`);
    await sleep(200);
  }
}

describe('replicas behind nginx', () => {
  it('one replica killed (SIGKILL): every request is answered by the other, none fails', async () => {
    const c = cluster();
    const [a, b] = c.replicas as [ScoringReplica, ScoringReplica];
    const stream = startRequestStream(`${c.url}/predict`, SCORING_BODY, { perSecond: RATE });
    await sleep(1500);
    const bBefore = await predictRequestsServed(b.url);
    expect(await a.kill('SIGKILL')).toBe('SIGKILL');
    await sleep(3000);
    const whileDown = stream.result();
    // B answered everything sent meanwhile (nginx's retries of what A could not answer included).
    expect(await predictRequestsServed(b.url)).toBeGreaterThanOrEqual(bBefore + RATE * 2);

    await a.start();
    await waitUntilServing(a.url, '1');
    await waitUntilNginxUses(a);
    const result = await stream.stop();
    expect(result.failed).toEqual([]);
    expect(whileDown.failed).toEqual([]);
    expect(result.ok).toBe(result.sent);
    expect(result.sent).toBeGreaterThan(RATE * 5);
    expect([...result.versions]).toEqual(['1']);
  });

  it('a rolling restart (SIGTERM one, start it again, then the other) fails no request', async () => {
    const c = cluster();
    const stream = startRequestStream(`${c.url}/predict`, SCORING_BODY, { perSecond: RATE });
    await sleep(1000);
    for (const replica of c.replicas) {
      // SIGTERM while the replica holds a request (its body half received): it stops accepting
      // connections, answers that request, and only then exits, with 0.
      const inFlight = await halfSentPredict(replica.url);
      const stopped = replica.stop();
      await waitUntilRefused(replica.url);
      const answer = await inFlight.finish();
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body.model?.version).toBe('1');
      expect(await stopped).toBe(0);
      await sleep(1000);
      await replica.start();
      await waitUntilServing(replica.url, '1');
      // As an operator would: the next one only once nginx sends requests to this one again.
      await waitUntilNginxUses(replica);
    }
    const result = await stream.stop();
    expect(result.failed).toEqual([]);
    expect(result.ok).toBe(result.sent);
    expect(result.sent).toBeGreaterThan(RATE * 5);
  });
});
