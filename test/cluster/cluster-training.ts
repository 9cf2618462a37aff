import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Cluster } from './cluster-harness.js';

/** Parameters that train in well under a second on a few thousand rows (no search). */
export const FAST_PARAMS = { n_estimators: 20, max_depth: 3 } as const;

/** A pipeline run as the store holds it (the columns tests look at). */
export interface PipelineRunRow extends Record<string, unknown> {
  readonly id: string;
  readonly state: string;
  readonly attempt: number;
  readonly worker: string | null;
  readonly failed_step: string | null;
  readonly error_code: string | null;
  readonly error_message: string | null;
  readonly tracking_run_id: string | null;
}

/**
 * Writes `rows` synthetic cases with `amlops generate` and puts them in the cluster's bucket, where
 * a worker on any machine reads them; returns their `s3://` location.
 *
 * @example
 * const data = await uploadCases(cluster, { rows: 3000, seed: 1 });
 */
export async function uploadCases(
  cluster: Cluster,
  options: { rows: number; seed: number },
): Promise<string> {
  const file = join(cluster.dir, `cases-${options.seed}.csv`);
  const generated = await cluster.amlops(
    'generate',
    '--rows',
    String(options.rows),
    '--seed',
    String(options.seed),
    '--out',
    file,
  );
  if (generated.code !== 0) throw new Error(`amlops generate failed:\n${generated.stderr}`);
  const key = `data/cases-${options.seed}.csv`;
  await cluster.s3.client.send(
    new PutObjectCommand({ Bucket: cluster.s3.bucket, Key: key, Body: await readFile(file) }),
  );
  return `s3://${cluster.s3.bucket}/${key}`;
}

/**
 * Hands a training to the workers: `amlops pipelines run train --queue`; returns the run's id.
 *
 * @example
 * const id = await queueTraining(cluster, { data, params: FAST_PARAMS, promote: true });
 */
export async function queueTraining(cluster: Cluster, params: Record<string, unknown>): Promise<string> {
  const queued = await cluster.amlopsJson<{ run: { id: string; state: string } }>(
    'pipelines',
    'run',
    'train',
    '--queue',
    '--params',
    JSON.stringify(params),
  );
  if (queued.run.state !== 'Scheduled') throw new Error(`queued run is ${queued.run.state}`);
  return queued.run.id;
}

/** The run as stored now. */
export async function pipelineRun(cluster: Cluster, id: string): Promise<PipelineRunRow> {
  const [run] = await cluster.query<PipelineRunRow>('select * from pipeline_runs where id = $1', [id]);
  if (!run) throw new Error(`no pipeline run ${id}`);
  return run;
}

/**
 * Polls the run (every 100 ms) until `until` holds; fails after `timeoutMs` with the run's state.
 *
 * @example
 * await waitForRun(cluster, id, (run) => run.state === 'Completed');
 */
export async function waitForRun(
  cluster: Cluster,
  id: string,
  until: (run: PipelineRunRow) => boolean,
  timeoutMs = 60_000,
): Promise<PipelineRunRow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await pipelineRun(cluster, id);
    if (until(run)) return run;
    if (Date.now() > deadline)
      throw new Error(`pipeline run ${id} still ${run.state} after ${timeoutMs} ms: ${JSON.stringify(run)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Resolves once the run's step `step` is Running. */
export async function waitForStep(
  cluster: Cluster,
  id: string,
  step: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await cluster.query<{ state: string }>(
      'select state from pipeline_run_steps where run_id = $1 and name = $2',
      [id, step],
    );
    if (rows.some((r) => r.state === 'Running')) return;
    if (Date.now() > deadline) throw new Error(`step ${step} of run ${id} not Running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The run's log messages, oldest first. */
export async function runLogMessages(cluster: Cluster, id: string): Promise<string[]> {
  const rows = await cluster.query<{ message: string }>(
    'select message from pipeline_run_logs where run_id = $1 order by seq',
    [id],
  );
  return rows.map((r) => r.message);
}
