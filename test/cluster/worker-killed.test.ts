import { describe, expect, it } from 'vitest';
import type { Cluster, ClusterWorker } from './cluster-harness.js';
import {
  FAST_PARAMS,
  pipelineRun,
  queueTraining,
  runLogMessages,
  uploadCases,
  waitForRun,
  waitForStep,
} from './cluster-training.js';
import { useCluster } from './use-cluster.js';
import { readyVersionsMissingArtifacts, storedVersions } from './version-artifacts.js';

// A worker machine dies (SIGKILL: no chance to clean up) in the middle of a training. Its run is
// marked Crashed once its heartbeat is 4 s old, handed back to the queue, and the other worker
// resumes it from the step that was running; no version is ever READY without its files in S3.

const FINAL = new Set(['Completed', 'Failed', 'Cancelled', 'TimedOut']);
const cluster = useCluster({ replicas: 0 });

/** Kills (SIGKILL) the worker running the run, while another one runs; returns the killed one. */
async function killWorkerOf(c: Cluster, runId: string): Promise<ClusterWorker> {
  const running = await pipelineRun(c, runId);
  const victim = c.workers.find((w) => w.name === running.worker);
  if (!victim || c.workers.length < 2)
    throw new Error(`run on ${running.worker}; workers ${c.workers.map((w) => w.name).join(', ')}`);
  expect(await victim.process.kill('SIGKILL')).toBe('SIGKILL');
  c.workers.splice(c.workers.indexOf(victim), 1);
  return victim;
}

/** What the run's log says about its first attempt's crash and its second attempt. */
async function expectCrashedThenResumed(c: Cluster, runId: string, victim: string, survivor: string) {
  const messages = await runLogMessages(c, runId);
  expect(messages).toContain(`attempt 1 on ${victim}`);
  expect(
    messages.filter((m) => m.startsWith(`crashed: worker ${victim} stopped heart-beating`)),
    messages.join('\n'),
  ).toEqual([expect.stringMatching(/; queued again$/)]);
  expect(messages).toContain(`attempt 2 on ${survivor}`);
  expect(messages.indexOf(`attempt 2 on ${survivor}`)).toBeGreaterThan(
    messages.findIndex((m) => m.startsWith('crashed:')),
  );
}

describe('a worker killed during a training', () => {
  it('while searching: the run is Crashed, the other worker resumes it from the search and completes it', async () => {
    const c = cluster();
    const data = await uploadCases(c, { rows: 3000, seed: 2 });
    // The default preset's search: long enough (about 1.5 s here) to be killed in the middle of.
    const id = await queueTraining(c, { data, preset: 'default', budgetSeconds: 5, promote: true });
    await waitForStep(c, id, 'search');
    const victim = await killWorkerOf(c, id);
    const replacement = c.startWorker();
    replacement.catch(() => undefined); // awaited below, once the run has ended

    const done = await waitForRun(c, id, (run) => FINAL.has(run.state));
    expect(done, JSON.stringify(done)).toMatchObject({ state: 'Completed', attempt: 2, error_code: null });
    // The replacement may have taken the retry as well as the survivor: either is "the other worker".
    const retriedBy = done.worker;
    expect(retriedBy).not.toBe(victim.name);
    await replacement;
    expect(c.workers.map((w) => w.name)).toContain(retriedBy);
    await expectCrashedThenResumed(c, id, victim.name, retriedBy!);
    // The steps before the search ran once, in the killed worker (their outputs were reused); the
    // search ran again, after the crash was noticed.
    const [crash] = await c.query<{ time: number }>(
      "select time::float8 as time from pipeline_run_logs where run_id = $1 and message like 'crashed:%'",
      [id],
    );
    const steps = await c.query<{ name: string; state: string; started_at: number; ended_at: number }>(
      `select name, state, started_at::float8 as started_at, ended_at::float8 as ended_at
         from pipeline_run_steps where run_id = $1 order by position`,
      [id],
    );
    const step = (name: string) => steps.find((s) => s.name === name)!;
    expect(steps.every((s) => s.state === 'Completed')).toBe(true);
    for (const name of ['load', 'validate', 'split']) expect(step(name).ended_at).toBeLessThan(crash!.time);
    expect(step('search').started_at).toBeGreaterThan(crash!.time);

    const versions = await storedVersions(c);
    expect(versions.map((v) => v.status)).toEqual(['READY']);
    expect(versions[0]!.run_id).toBe(done.tracking_run_id);
    expect(await readyVersionsMissingArtifacts(c)).toEqual([]);
  });

  it('while registering (waiting on S3 to store its model files): that version never becomes READY, the retry registers a complete one', async () => {
    const c = cluster();
    const data = await uploadCases(c, { rows: 3000, seed: 3 });
    // S3 takes the `log` step's files, then holds the first request of `register` without answering:
    // the worker is killed while its version is PENDING_REGISTRATION and its files are being written.
    const stalled = c.s3Proxy.faultAfter(
      (r) => r.method === 'PUT' && r.path.endsWith('/model/input-example.json'),
      'stall',
    );
    const id = await queueTraining(c, { data, params: FAST_PARAMS, seed: 3, promote: true });
    await stalled;
    const held = await c.s3Proxy.waitForHeldRequest();
    expect(held).toMatchObject({ method: 'PUT', path: expect.stringMatching(/\/model\/bundle\.json$/) });
    const run = await pipelineRun(c, id);
    const pending = (await storedVersions(c)).filter((v) => v.run_id === run.tracking_run_id);
    expect(pending.map((v) => v.status)).toEqual(['PENDING_REGISTRATION']);

    const victim = await killWorkerOf(c, id);
    await c.s3Proxy.comeBack();
    const done = await waitForRun(c, id, (r) => FINAL.has(r.state));
    expect(done, JSON.stringify(done)).toMatchObject({ state: 'Completed', attempt: 2, error_code: null });
    expect(done.worker).not.toBe(victim.name);
    await expectCrashedThenResumed(c, id, victim.name, done.worker!);
    // Resumed at `register`: the run's tracking run (and its logged files) is the first attempt's.
    expect(done.tracking_run_id).toBe(run.tracking_run_id);

    const ofRun = (await storedVersions(c)).filter((v) => v.run_id === run.tracking_run_id);
    expect(ofRun.map((v) => [v.version, v.status])).toEqual([
      // Left pending by the killed worker, marked failed when its crash was found (never READY).
      [pending[0]!.version, 'FAILED_REGISTRATION'],
      [pending[0]!.version + 1, 'READY'],
    ]);
    expect(await readyVersionsMissingArtifacts(c)).toEqual([]);
  });
});
