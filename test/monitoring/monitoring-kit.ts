import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTable } from '../../src/adapters/data/write-table.js';
import { type Config, resolveConfig } from '../../src/config/index.js';
import type { Frame } from '../../src/core/frame/index.js';
import { openServerApp, type ServerApp } from '../../src/http/server-app.js';
import { processFlows } from '../../src/main/process-flows.js';
import { openPipelines } from '../../src/main/worker.js';
import { startPipelineRun } from '../../src/pipelines/start-pipeline-run.js';

/** A home of its own with the configuration a test sets, its flows, and a scoring server on demand. */
export interface MonitoringHome {
  readonly home: string;
  readonly config: Config;
  /** Runs a flow in this process and returns its run's result. */
  run(
    flow: string,
    params?: Record<string, unknown>,
  ): Promise<{ state: string; outputs: Record<string, unknown>; error?: { message: string } }>;
  /** Writes a frame as a CSV file in the home and returns its path. */
  write(name: string, frame: Frame): Promise<string>;
  server(): Promise<ServerApp>;
  close(): Promise<void>;
}

/**
 * Opens a throwaway home configured by `env` (AMLOPS_HOME is set), with the train and monitor
 * flows of the product and its scoring server, all in this process.
 *
 * @example
 * const h = await monitoringHome({ AMLOPS_ALERTS_WEBHOOK_URL: receiver.url });
 */
export async function monitoringHome(env: Record<string, string>): Promise<MonitoringHome> {
  const home = mkdtempSync(join(tmpdir(), 'amlops-monitoring-'));
  const { config } = resolveConfig({ env: { AMLOPS_HOME: home, AMLOPS_LOG_LEVEL: 'silent', ...env } });
  const flows = processFlows(config, home);
  const pipelines = await openPipelines(config, {
    cwd: home,
    flows: flows.flows,
    queue: 'none',
    warn: () => {},
  });
  let server: ServerApp | undefined;
  return {
    home,
    config,
    async run(flow, params = {}) {
      const { result } = await startPipelineRun(pipelines.deps, flow, params);
      return result as unknown as {
        state: string;
        outputs: Record<string, unknown>;
        error?: { message: string };
      };
    },
    async write(name, frame) {
      const path = join(home, name);
      await writeTable(path, frame);
      return path;
    },
    async server() {
      server ??= await openServerApp(config, { cwd: home, version: 'test' });
      return server;
    },
    async close() {
      if (server) {
        await server.app.close();
        await server.close();
      }
      await pipelines.close();
      await flows.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** The columnar `/predict` body of the feature columns of some rows of a frame. */
export function predictBody(frame: Frame, from: number, to: number): Record<string, unknown[]> {
  const body: Record<string, unknown[]> = {};
  for (const name of ['total_income_dollar_amount', 'total_outcome_dollar_amount', 'risk_pld']) {
    const column = frame.get(name)!;
    const values: unknown[] = [];
    for (let row = from; row < to; row++) {
      if (column.kind === 'numeric')
        values.push(Number.isNaN(column.values[row]!) ? null : column.values[row]);
      else if (column.kind === 'categorical')
        values.push(column.codes[row]! < 0 ? null : column.categories[column.codes[row]!]);
    }
    body[name] = values;
  }
  return body;
}
