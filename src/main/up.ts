import cluster from 'node:cluster';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeTable } from '../adapters/data/write-table.js';
import type { Config } from '../config/index.js';
import { generateCases } from '../core/synthetic/index.js';
import { startPipelineRun } from '../pipelines/start-pipeline-run.js';
import { processFlows } from './process-flows.js';
import { serve } from './server.js';
import { openTrainFlowDeps } from './train-flow-deps.js';
import { openPipelines, startEmbeddedPipelines } from './worker.js';

/** What `amlops up` tells the person who started it. */
export type UpReport = (line: string) => void;

/** Demonstration data of a new installation: enough rows for a model that passes the gate. */
const DEMO_ROWS = 50_000;
const DEMO_SEED = 7;
const FIRST_TRAINING_BUDGET_SECONDS = 20;

/** True when the registry holds no version of the configured model. */
async function registryIsEmpty(config: Config, cwd: string): Promise<boolean> {
  const opened = await openTrainFlowDeps(config, cwd);
  try {
    const page = await opened.deps.registry.searchModelVersions({ maxResults: 1 });
    return !page.items.some((v) => v.name === config['model.name']);
  } finally {
    await opened.close();
  }
}

/**
 * `amlops up`: the whole embedded deployment in one command. Creates the store under `home`, makes
 * demonstration data when there is none, trains and registers a first model when the registry is
 * empty (through the promotion gate, as any run), starts the scheduler of the configured pipelines,
 * and serves the APIs until SIGTERM. Worker processes of the server only serve.
 *
 * @example
 * await up(config, { cwd: process.cwd(), version: '0.1.0', report: (l) => process.stderr.write(`${l}\n`) });
 */
export async function up(
  config: Config,
  options: { cwd: string; version: string; report: UpReport },
): Promise<void> {
  const { cwd, report } = options;
  if (cluster.isWorker) return serve(config, { cwd, version: options.version, startedByUp: true });
  const home = resolve(cwd, config.home);
  mkdirSync(home, { recursive: true });
  const owned = processFlows(config, cwd, {});
  try {
    if (await registryIsEmpty(config, cwd)) {
      const data = join(home, 'data', 'cases.csv');
      if (!existsSync(data)) {
        report(`no data yet: writing ${DEMO_ROWS} demonstration cases to ${data}`);
        mkdirSync(join(home, 'data'), { recursive: true });
        await writeTable(data, generateCases({ rows: DEMO_ROWS, seed: DEMO_SEED }).frame);
      }
      report(
        `the registry is empty: training a first model on ${data} (about ${FIRST_TRAINING_BUDGET_SECONDS} s)`,
      );
      const pipelines = await openPipelines(config, { cwd, flows: owned.flows, queue: 'none' });
      try {
        const { run, result } = await startPipelineRun(pipelines.deps, 'train', {
          data,
          preset: 'default',
          budgetSeconds: FIRST_TRAINING_BUDGET_SECONDS,
        });
        const promote = result?.outputs.promote as { promoted?: boolean; reason?: string } | undefined;
        report(
          result?.state === 'Completed'
            ? `first model trained (pipeline run ${run.id}): ${promote?.promoted ? 'promoted to production' : 'not promoted'}: ${promote?.reason}`
            : `first training ${result?.state}: ${result?.error?.message} (see \`amlops pipelines show ${run.id}\`)`,
        );
      } finally {
        await pipelines.close();
      }
    }
    const pipelines = await startEmbeddedPipelines(config, { cwd, flows: owned.flows });
    const upcoming = pipelines.scheduler.upcoming();
    if (upcoming.length)
      report(
        `schedules: ${upcoming.map((u) => `${u.schedule.label} next at ${u.at === undefined ? '?' : new Date(u.at).toISOString()}`).join('; ')}`,
      );
    try {
      await serve(config, {
        cwd,
        version: options.version,
        startedByUp: true,
        onListening: (url, workers) =>
          report(
            `amlops is up: open ${url}/ in a browser (${workers} scoring worker${workers > 1 ? 's' : ''}); Ctrl-C stops it`,
          ),
      });
    } finally {
      await pipelines.stop();
    }
  } finally {
    await owned.close();
  }
}
