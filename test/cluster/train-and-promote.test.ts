import { describe, expect, it } from 'vitest';
import { FAST_PARAMS, queueTraining, uploadCases, waitForRun } from './cluster-training.js';
import { predict, waitUntilServing } from './scoring-client.js';
import { useCluster } from './use-cluster.js';
import { readyVersionsMissingArtifacts, storedVersions } from './version-artifacts.js';

// The scale-out deployment on one machine (issue 15): PostgreSQL, S3, two workers, two replicas
// and nginx, each its own process. A training goes through the queue to a worker, its model to S3
// and the registry; clients score through nginx; a promotion reaches both replicas at once.

const MODEL = 'consumers-laundering-model';
const FINAL = new Set(['Completed', 'Failed', 'Cancelled', 'TimedOut']);
const cluster = useCluster();

describe('the cluster', () => {
  it('refuses to score before a version is in production, with a clear 503 through nginx', async () => {
    const answer = await predict(cluster().url);
    expect(answer.status).toBe(503);
    expect(answer.body.error?.code).toMatch(/^SCORING_/);
    expect(answer.body.error?.message).toMatch(/production|model/i);
  });

  it('trains through the queue, stores the model in S3, scores through nginx, and both replicas follow a promotion within 2 s', async () => {
    const c = cluster();
    const data = await uploadCases(c, { rows: 3000, seed: 1 });

    // A worker takes the queued training; the version is READY with its files in S3, in production.
    const first = await queueTraining(c, { data, params: FAST_PARAMS, promote: true });
    const trained = await waitForRun(c, first, (run) => FINAL.has(run.state));
    expect(trained, JSON.stringify(trained)).toMatchObject({ state: 'Completed', attempt: 1 });
    expect(c.workers.map((w) => w.name)).toContain(trained.worker);
    expect(await storedVersions(c)).toMatchObject([
      { version: 1, status: 'READY', source: expect.stringMatching(`^s3://${c.s3.bucket}/amlops/`) },
    ]);
    expect(await readyVersionsMissingArtifacts(c)).toEqual([]);

    // Both replicas load it (notified: they poll only every 60 s); nginx spreads clients over them.
    await Promise.all(c.replicas.map((replica) => waitUntilServing(replica.url, '1')));
    const answers = await Promise.all(Array.from({ length: 8 }, () => predict(c.url)));
    for (const answer of answers) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body.model).toMatchObject({
        name: MODEL,
        version: '1',
        current_scope: 'Production',
        status: 'READY',
        run_id: trained.tracking_run_id,
      });
      expect(answer.body.predictions).toHaveLength(1);
      expect(answer.body.predictions![0]).toBeGreaterThan(0);
      expect(answer.body.predictions![0]).toBeLessThan(1);
    }

    // A second version, registered but left out of production: the replicas keep version 1.
    const second = await queueTraining(c, { data, params: FAST_PARAMS, seed: 7, promote: false });
    expect(await waitForRun(c, second, (run) => FINAL.has(run.state))).toMatchObject({ state: 'Completed' });
    expect((await storedVersions(c)).map((v) => [v.version, v.status])).toEqual([
      [1, 'READY'],
      [2, 'READY'],
    ]);
    expect(await readyVersionsMissingArtifacts(c)).toEqual([]);
    for (const replica of c.replicas) expect((await predict(replica.url)).body.model?.version).toBe('1');

    // Promoted by a person; timed from the moment the command has returned.
    const promoted = await c.amlops('models', 'promote', MODEL, '2', '--reason', 'cluster test', '--force');
    expect(promoted.code, promoted.stderr).toBe(0);
    const moved = await Promise.all(
      c.replicas.map(async (replica) => {
        for (;;) {
          const answer = await predict(replica.url);
          const elapsed = performance.now() - promoted.endedAt;
          if (answer.body.model?.version === '2') return elapsed;
          expect(answer.status).toBe(200);
          if (elapsed > 10_000) return elapsed;
        }
      }),
    );
    for (const elapsed of moved) expect(elapsed).toBeLessThan(2000);
    const after = await Promise.all(Array.from({ length: 8 }, () => predict(c.url)));
    expect(after.map((a) => a.body.model?.version)).toEqual(Array(8).fill('2'));
    expect(after[0]!.body.model?.current_scope).toBe('Production');
  });
});
