import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { writeTable } from '../../src/adapters/data/write-table.js';
import { timeOrderedId } from '../../src/adapters/ids/time-ordered-id.js';
import { openAuditStoreWriter } from '../../src/adapters/sql/audit-open-writer.js';
import { resolveConfig } from '../../src/config/index.js';
import { generateCases } from '../../src/core/synthetic/index.js';
import { processFlows } from '../../src/main/process-flows.js';
import { openPipelines } from '../../src/main/worker.js';
import { startPipelineRun } from '../../src/pipelines/start-pipeline-run.js';
import type { AuditBatch } from '../../src/ports/audit-sink.js';

/**
 * A store (SQLite in `home`, or the PostgreSQL at `databaseUrl`) holding a production version trained
 * on generated cases and `cases` audited cases it scored in the last hour (written as `amlops serve`
 * writes one-case requests), and a function that runs the live check over them as a user does:
 * `amlops pipelines run monitor` with the built CLI, timed
 * by the duration its drift step records (reading the window on every core, profiling both sides,
 * testing, storing the report).
 */
export async function liveCheckSetup(home: string, cases: number, databaseUrl = '') {
  const env = {
    AMLOPS_HOME: home,
    AMLOPS_ALERTS_MIN_TEST_ROC_AUC: '0.5',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  const { config } = resolveConfig({ env });
  const flows = processFlows(config, home);
  const pipelines = await openPipelines(config, {
    cwd: home,
    flows: flows.flows,
    queue: 'none',
    warn: () => {},
  });
  const data = join(home, 'train.csv');
  await writeTable(data, generateCases({ rows: 200_000, seed: 3 }).frame);
  const { result } = await startPipelineRun(pipelines.deps, 'train', { data, preset: 'original' });
  if (result?.state !== 'Completed') throw new Error(`training failed: ${JSON.stringify(result?.error)}`);
  await pipelines.close();
  await flows.close();
  const url = databaseUrl || `sqlite:${join(home, 'amlops.db')}`;
  // Written as `amlops serve` writes them: one-case requests with the server's time-ordered ids,
  // 16 a millisecond, through the audit writer (rows of a millisecond's requests, input names once).
  const writer = await openAuditStoreWriter(url);
  const traffic = generateCases({ rows: cases, seed: 4, drift: 0.5 }).frame;
  const income = traffic.get('total_income_dollar_amount') as { values: Float64Array };
  const outcome = traffic.get('total_outcome_dollar_amount') as { values: Float64Array };
  const risk = traffic.get('risk_pld') as { codes: Int32Array; categories: readonly string[] };
  const start = Date.now() - 3_600_000;
  for (let from = 0; from < cases; from += 10_000) {
    const rows = Array.from({ length: Math.min(cases, from + 10_000) - from }, (_, i) => from + i);
    const times = rows.map((row) => start + Math.floor(row / 16));
    const batch: AuditBatch = {
      schemas: [
        {
          numericColumns: ['total_outcome_dollar_amount', 'total_income_dollar_amount'],
          categoricalColumns: ['risk_pld'],
        },
      ],
      requestIds: times.map((time) => timeOrderedId(time)),
      modelNames: rows.map(() => config['model.name']),
      modelVersions: rows.map(() => '1'),
      callers: rows.map(() => ''),
      clientRequestIds: rows.map(() => null),
      times,
      firstRows: rows.map(() => 0),
      caseCounts: rows.map(() => 1),
      schemaOf: rows.map(() => 0),
      scores: rows.map((row) => (row % 997) / 997),
      caseIds: rows.map(() => null),
      numeric: rows.flatMap((row) => [outcome.values[row]!, income.values[row]!]),
      categorical: rows.map((row) => (risk.codes[row]! < 0 ? null : risk.categories[risk.codes[row]!]!)),
    };
    await writer.append([batch], { source: 'bench-live-check', position: from + rows.length });
  }
  await writer.close();
  return {
    /** One run of the monitor flow by the built CLI; the drift step's recorded duration (the live check). */
    check(bin: string): { seconds: number; rows: number; drifted: number } {
      const cli = (args: string[]) => {
        const run = spawnSync(process.execPath, [bin, ...args, '--home', home, '--json'], {
          encoding: 'utf8',
          env: { ...process.env, ...env },
          maxBuffer: 1 << 26,
        });
        if (run.status !== 0) throw new Error(run.stderr);
        return JSON.parse(run.stdout);
      };
      const started = cli(['pipelines', 'run', 'monitor']);
      const drift = started.outputs.drift as { casesRead: number; driftedColumns: number };
      const shown = cli(['pipelines', 'show', started.run.id]) as {
        steps: { name: string; startedAt: number; endedAt: number }[];
      };
      const step = shown.steps.find((s) => s.name === 'drift')!;
      return {
        seconds: (step.endedAt - step.startedAt) / 1000,
        rows: drift.casesRead,
        drifted: drift.driftedColumns,
      };
    },
  };
}
