import { describe, expect, it } from 'vitest';
import { FAST_PARAMS, queueTraining, uploadCases, waitForRun } from './cluster-training.js';
import { useCluster } from './use-cluster.js';
import { readyVersionsMissingArtifacts, storedVersions } from './version-artifacts.js';

// The S3 store goes away between a training's `log` step (its files stored) and its `register`
// step, and stays away through the step's retries: the worker's S3 requests are refused.

const FINAL = new Set(['Completed', 'Failed', 'Cancelled', 'TimedOut']);
const cluster = useCluster({ workers: 1, replicas: 0 });

describe('the S3 store unreachable during registration', () => {
  it('leaves no READY version, names the store in the error, and a retry succeeds once S3 is back', async () => {
    const c = cluster();
    const data = await uploadCases(c, { rows: 3000, seed: 4 });
    const where = `S3 at 127.0.0.1:${new URL(c.s3Proxy.endpoint).port}`;
    const down = c.s3Proxy.faultAfter(
      (r) => r.method === 'PUT' && r.path.endsWith('/model/input-example.json'),
      'down',
    );
    const id = await queueTraining(c, { data, params: FAST_PARAMS, promote: true });
    await down;

    const failed = await waitForRun(c, id, (run) => FINAL.has(run.state));
    expect(failed, JSON.stringify(failed)).toMatchObject({
      state: 'Failed',
      failed_step: 'register',
      error_code: 'STORE_UNAVAILABLE',
    });
    // Which store: its endpoint and the bucket the files were going to.
    expect(failed.error_message).toContain(where);
    expect(failed.error_message).toContain(`in s3://${c.s3.bucket}/amlops/`);
    // Each attempt of the step (the first and its two retries) made a version; none is READY,
    // and each says why.
    const attempts = await storedVersions(c);
    expect(attempts.map((v) => v.status)).toEqual(Array(3).fill('FAILED_REGISTRATION'));
    for (const version of attempts) expect(version.status_message).toContain(where);
    const shown = await c.amlops('pipelines', 'show', id);
    expect(shown.stdout).toMatch(new RegExp(`error +STORE_UNAVAILABLE: .*${where}.*\\(step register\\)`));
    const production = await c.amlops('models', 'versions', 'consumers-laundering-model', '--json');
    expect(JSON.parse(production.stdout).versions.map((v: { status: string }) => v.status)).not.toContain(
      'READY',
    );

    // S3 is back: the run is retried from its failed step, through the queue.
    await c.s3Proxy.comeBack();
    const retry = await c.amlopsJson<{ run: { state: string } }>('pipelines', 'retry', id, '--queue');
    expect(retry.run.state).toBe('Scheduled');
    const done = await waitForRun(c, id, (run) => FINAL.has(run.state));
    expect(done, JSON.stringify(done)).toMatchObject({ state: 'Completed', attempt: 2, error_code: null });
    expect(done.tracking_run_id).toBe(failed.tracking_run_id);
    const versions = await storedVersions(c);
    expect(versions.map((v) => v.status)).toEqual([...Array(3).fill('FAILED_REGISTRATION'), 'READY']);
    expect(versions[3]!.run_id).toBe(done.tracking_run_id);
    expect(await readyVersionsMissingArtifacts(c)).toEqual([]);
    const aliases = await c.query<{ alias: string; version: number }>(
      'select alias, version from registered_model_aliases',
    );
    expect(aliases).toEqual([{ alias: 'production', version: 4 }]);
  });
});
