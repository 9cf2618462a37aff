import { Command } from 'commander';
import { AmlopsError, ERROR_CODES, type ErrorCode } from '../core/errors/index.js';
import { FINAL_STATES, PIPELINE_STATES, type PipelineState } from '../core/pipeline-runs/index.js';
import { cancelPipelineRun } from '../pipelines/cancel-pipeline-run.js';
import { detectCrashedRuns } from '../pipelines/detect-crashed-runs.js';
import type { FlowRegistry } from '../pipelines/flow-registry.js';
import type { OpenPipelines } from '../pipelines/open-pipelines.js';
import { retryPipelineRun } from '../pipelines/retry-pipeline-run.js';
import { type StartedRun, startPipelineRun } from '../pipelines/start-pipeline-run.js';
import type { PipelineLogEntry, PipelineRun, PipelineStepRow } from '../ports/pipeline-run-store.js';
import type { CliContext } from './cli-context.js';
import type { CliRuntime } from './cli-runtime.js';

/**
 * `amlops pipelines run|list|show|logs|cancel|retry`: runs flows here or through the queue, and
 * shows and steers pipeline runs. `flows` defaults to the registered flows (tests pass their own).
 *
 * @example
 * await runCli(argv, io, [(context) => pipelinesCommand(context, lazyCliRuntime, myFlows)], version);
 */
export function pipelinesCommand(
  context: CliContext,
  runtime: Pick<CliRuntime, 'processFlows' | 'openPipelines'>,
  flows?: FlowRegistry,
): Command {
  const using = async <T>(
    command: Command,
    queue: boolean,
    work: (p: OpenPipelines) => Promise<T>,
  ): Promise<T> => {
    const { config } = context.config(command);
    const owned = flows ? undefined : await runtime.processFlows(config, context.io.cwd);
    try {
      const pipelines = await runtime.openPipelines(config, {
        cwd: context.io.cwd,
        flows: flows ?? owned!.flows,
        queue: queue ? 'pg-boss' : 'none',
        warn: (message) => context.io.stderr(`warning: ${message}\n`),
      });
      try {
        // Without PostgreSQL there is no `amlops worker` to notice dead processes (and no queue to
        // hand their runs back to): every command does it, so a killed run shows as Crashed.
        if (!/^postgres(ql)?:\/\//i.test(pipelines.databaseUrl)) await detectCrashedRuns(pipelines.deps);
        return await work(pipelines);
      } finally {
        await pipelines.close();
      }
    } finally {
      await owned?.close();
    }
  };

  const pipelines = new Command('pipelines').description(
    `run flows and inspect pipeline runs (flows: ${flows ? flows.names().join(', ') : 'train'})`,
  );

  pipelines
    .command('run <flow>')
    .description('run a flow in this process, or with --queue hand it to `amlops worker`s (PostgreSQL store)')
    .option('--params <json>', 'parameters of the flow, as a JSON object', '{}')
    .option('--queue', 'enqueue the run for a worker instead of running it here')
    .option('--json', 'print the run as JSON')
    .action(async (flow: string, options: { params: string; queue?: boolean }, command: Command) => {
      const params = parseParams(options.params);
      await using(command, Boolean(options.queue), async ({ deps }) => {
        const started = await withInterrupt((signal) =>
          startPipelineRun(deps, flow, params, { queue: Boolean(options.queue), signal }),
        );
        report(context, command, started, Boolean(options.queue));
      });
    });

  pipelines
    .command('list')
    .description('list pipeline runs, newest first')
    .option('--flow <name>', 'only runs of this flow')
    .option('--state <state...>', `only runs in these states (${PIPELINE_STATES.join(', ')})`)
    .option('--limit <n>', 'at most this many runs (1-1000)', '50')
    .option('--json', 'print {runs} as JSON')
    .action(async (options: { flow?: string; state?: string[]; limit: string }, command: Command) => {
      const states = options.state?.map(parseState);
      const limit = Number(options.limit);
      await using(command, false, async ({ deps }) => {
        const page = await deps.store.listRuns({
          ...(options.flow ? { flow: options.flow } : {}),
          ...(states ? { states } : {}),
          maxResults: limit,
        });
        context.print(command, { runs: page.items }, () =>
          page.items.length === 0 ? 'no pipeline runs' : page.items.map(renderRunLine).join('\n'),
        );
      });
    });

  pipelines
    .command('show <run>')
    .description('show a pipeline run and its steps')
    .option('--json', 'print {run, steps} as JSON')
    .action(async (id: string, _options: unknown, command: Command) => {
      await using(command, false, async ({ deps }) => {
        const run = await deps.store.getRun(id);
        const steps = await deps.store.listSteps(id);
        context.print(command, { run, steps }, () => renderRun(run, steps));
      });
    });

  pipelines
    .command('logs <run>')
    .description('print the log lines of a pipeline run')
    .option('--follow', 'keep printing new lines until the run ends')
    .option('--json', 'print {logs} as JSON')
    .action(async (id: string, options: { follow?: boolean }, command: Command) => {
      await using(command, false, async ({ deps }) => {
        let logs = await deps.store.listLogs(id, { maxResults: 100_000 });
        if (!options.follow || command.optsWithGlobals<{ json?: boolean }>().json) {
          context.print(command, { logs }, () => logs.map(renderLog).join('\n') || '(no log lines)');
          return;
        }
        let last = 0;
        for (;;) {
          for (const line of logs) context.io.stdout(`${renderLog(line)}\n`);
          last = logs.at(-1)?.seq ?? last;
          if (FINAL_STATES.has((await deps.store.getRun(id)).state)) {
            logs = await deps.store.listLogs(id, { afterSeq: last });
            for (const line of logs) context.io.stdout(`${renderLog(line)}\n`);
            return;
          }
          await new Promise((r) => setTimeout(r, 1000));
          logs = await deps.store.listLogs(id, { afterSeq: last });
        }
      });
    });

  pipelines
    .command('cancel <run>')
    .description('cancel a pipeline run (a queued run at once; a running one at its next heartbeat)')
    .option('--json', 'print the run as JSON')
    .action(async (id: string, _options: unknown, command: Command) => {
      await using(command, false, async ({ deps }) => {
        const run = await cancelPipelineRun(deps, id);
        context.print(command, { run }, () =>
          run.state === 'Cancelled'
            ? `${run.id} Cancelled`
            : FINAL_STATES.has(run.state)
              ? `${run.id} had already ended ${run.state}`
              : `${run.id} cancel requested; its worker stops it at its next heartbeat`,
        );
      });
    });

  pipelines
    .command('retry <run>')
    .description('restart a failed run from its failed step, reusing the outputs of the steps before it')
    .option('--queue', 'hand the retry to a worker instead of running it here')
    .option('--json', 'print the run as JSON')
    .action(async (id: string, options: { queue?: boolean }, command: Command) => {
      await using(command, Boolean(options.queue), async ({ deps }) => {
        const started = await withInterrupt((signal) =>
          retryPipelineRun(deps, id, { queue: Boolean(options.queue), signal }),
        );
        report(context, command, started, Boolean(options.queue));
      });
    });

  return pipelines;
}

function parseParams(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AmlopsError(
      'PIPELINE_PARAMS_INVALID',
      `--params is not valid JSON: ${(error as Error).message}`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new AmlopsError(
      'PIPELINE_PARAMS_INVALID',
      '--params must be a JSON object, such as {"preset": "original"}',
    );
  return value as Record<string, unknown>;
}

function parseState(text: string): PipelineState {
  const state = PIPELINE_STATES.find((s) => s.toLowerCase() === text.toLowerCase());
  if (!state)
    throw new AmlopsError('USAGE', `unknown state '${text}'; states: ${PIPELINE_STATES.join(', ')}`);
  return state;
}

/** Runs `work` with a signal aborted by Ctrl-C, so that an in-process run ends Cancelled. */
async function withInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const interrupt = (): void => controller.abort();
  process.once('SIGINT', interrupt);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', interrupt);
  }
}

/** Prints a started run; a run executed here that did not complete fails the command with its code. */
function report(context: CliContext, command: Command, started: StartedRun, queued: boolean): void {
  const { run } = started;
  context.print(command, { run, ...(started.result ? { outputs: started.result.outputs } : {}) }, () =>
    queued ? `${run.id} ${run.state}: queued for a worker (flow ${run.flow})` : renderRunLine(run),
  );
  if (queued || run.state === 'Completed') return;
  const code = failureCode(run);
  throw new AmlopsError(
    code,
    `pipeline run ${run.id} ended ${run.state}${run.failedStep ? ` at step ${run.failedStep}` : ''}${run.error ? `: ${run.error.message}` : ''}`,
    { runId: run.id, state: run.state, ...(run.error ? { error: run.error } : {}) },
  );
}

function failureCode(run: PipelineRun): ErrorCode {
  if (run.error && Object.hasOwn(ERROR_CODES, run.error.code)) return run.error.code as ErrorCode;
  if (run.state === 'Cancelled') return 'PIPELINE_RUN_CANCELLED';
  if (run.state === 'Crashed') return 'PIPELINE_RUN_CRASHED';
  if (run.state === 'TimedOut') return 'TIMED_OUT';
  return 'INTERNAL';
}

const time = (t: number | null): string =>
  t === null ? '-' : new Date(t).toISOString().replace('.000Z', 'Z');

function duration(run: { startedAt?: number | null; endedAt?: number | null }): string {
  if (run.startedAt == null) return '-';
  if (run.endedAt == null) return 'running';
  return `${((run.endedAt - run.startedAt) / 1000).toFixed(1)}s`;
}

function renderRunLine(run: PipelineRun): string {
  return [
    run.id,
    run.flow.padEnd(12),
    run.state.padEnd(9),
    time(run.createdAt),
    duration(run).padStart(8),
    run.worker ?? '-',
  ].join('  ');
}

function renderRun(run: PipelineRun, steps: readonly PipelineStepRow[]): string {
  const lines = [
    `run        ${run.id}`,
    `flow       ${run.flow}`,
    `params     ${JSON.stringify(run.params)}`,
    `state      ${run.state}${run.cancelRequested && !FINAL_STATES.has(run.state) ? ' (cancel requested)' : ''}`,
    `created    ${time(run.createdAt)}`,
    `started    ${time(run.startedAt)}`,
    `ended      ${time(run.endedAt)}  (${duration(run)})`,
    `attempt    ${run.attempt}  on ${run.worker ?? '-'}`,
  ];
  if (run.trackingRunId) lines.push(`tracking   ${run.trackingRunId}`);
  if (run.error)
    lines.push(
      `error      ${run.error.code}: ${run.error.message}${run.failedStep ? ` (step ${run.failedStep})` : ''}`,
    );
  lines.push('', 'steps');
  for (const step of steps)
    lines.push(
      `  ${step.name.padEnd(16)} ${step.state.padEnd(9)} attempt ${step.attempt}  ${duration({ startedAt: step.startedAt ?? null, endedAt: step.endedAt ?? null }).padStart(8)}${step.error ? `  ${step.error.code}: ${step.error.message}` : ''}`,
    );
  if (steps.length === 0) lines.push('  (none yet)');
  return lines.join('\n');
}

function renderLog(line: PipelineLogEntry): string {
  const fields = line.fields ? ` ${JSON.stringify(line.fields)}` : '';
  return `${time(line.time)} ${line.level.padEnd(5)} ${line.step || '-'}: ${line.message}${fields}`;
}
