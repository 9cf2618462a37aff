import { Command } from 'commander';
import { AmlopsError, ERROR_CODES, type ErrorCode } from '../core/errors/index.js';
import type { SegmentReport } from '../core/evaluate/segment-report.js';
import type { SearchProgress } from '../core/search/index.js';
import type { FlowResult } from '../pipelines/run-flow.js';
import { runFlow } from '../pipelines/run-flow.js';
import { startPipelineRun } from '../pipelines/start-pipeline-run.js';
import { trainFlow } from '../pipelines/train/train-flow.js';
import { trainParams } from '../pipelines/train/train-flow-definition.js';
import type { CliContext } from './cli-context.js';
import type { CliRuntime } from './cli-runtime.js';
import { loginName } from './decision-maker.js';
import type { ProgressBar } from './progress-bar.js';
import { renderSegments } from './render-segments.js';
import { segmentThresholdText } from './segment-threshold-text.js';

interface TrainOptions {
  data?: string[];
  fromCases?: boolean;
  since?: string;
  testData?: string;
  preset?: string;
  params?: string;
  seed?: string;
  budget?: string;
  promote?: boolean;
  dryRun?: boolean;
}

/** `60s`, `2m`, `90` (seconds) → seconds. */
export function parseBudget(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(text.trim());
  if (!match)
    throw new AmlopsError('USAGE', `--budget must be a duration such as 60s, 5m or 1h; got '${text}'`);
  const value = Number(match[1]) * ({ s: 1, m: 60, h: 3600 }[match[2] ?? 's'] ?? 1);
  if (!(value > 0)) throw new AmlopsError('USAGE', `--budget must be positive; got '${text}'`);
  return value;
}

function parseJsonObject(text: string, flag: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AmlopsError('USAGE', `${flag} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new AmlopsError(
      'USAGE',
      `${flag} must be a JSON object, e.g. '{"n_estimators":100,"max_depth":6}'`,
    );
  return value as Record<string, unknown>;
}

/** The `--json` result of a training run (the contract of issue 5). */
function summary(
  result: FlowResult,
  modelName: string,
  pipelineRunId: string | null,
): Record<string, unknown> {
  const log = result.outputs.log as
    | { runId?: string; experimentId?: string; trainingCases?: number }
    | undefined;
  const register = result.outputs.register as { version?: string } | undefined;
  const promote = result.outputs.promote as {
    promoted: boolean;
    reason: string;
    aliases: string[];
    stage: string | null;
    gate?: 'passed' | 'failed';
  };
  const evaluate = result.outputs.evaluate as { metrics: Record<string, number>; segments?: SegmentReport };
  const search = result.outputs.search as { adaptation?: string } | undefined;
  const version = register?.version;
  return {
    run_id: log?.runId ?? null,
    experiment_id: log?.experimentId ?? null,
    pipeline_run_id: pipelineRunId,
    model: {
      name: modelName,
      version: register?.version ?? null,
      aliases: promote.aliases,
      stage: promote.stage,
    },
    metrics: evaluate.metrics,
    // How many of the analysts' concluded cases it learned from (--from-cases), listed in the run's training-cases.csv.
    training_cases: log?.trainingCases ?? null,
    // The test split by segment (risk level, amount bands, evaluation.segmentColumns).
    segments: evaluate.segments ?? null,
    // How the default preset adapted its search to the data, when it did.
    preset_adaptation: search?.adaptation ?? null,
    promoted: promote.promoted,
    promotion_reason: promote.reason,
    // What to do next: the command that promotes a version left out of production.
    promote_command:
      version && !promote.promoted
        ? `amlops models promote ${modelName} ${version} --reason "…"${promote.gate === 'failed' ? ' --force' : ''}`
        : null,
  };
}

/** The test split by segment, for the text summary. */
function segmentLines(segments: SegmentReport): string[] {
  if (segments.breakdowns.length === 0 && segments.skipped.length === 0) return [];
  return [
    `  segments       test split, alerts at ${segmentThresholdText(segments.threshold)}:`,
    ...(segments.breakdowns.length ? [renderSegments(segments.breakdowns, '    ')] : []),
    ...segments.skipped.map((s) => `    not broken down by ${s.column}: ${s.reason}`),
  ];
}

function failure(result: FlowResult, pipelineRunId: string | null): AmlopsError {
  const code = (result.error?.code ?? 'INTERNAL') as ErrorCode;
  return new AmlopsError(
    Object.hasOwn(ERROR_CODES, code) ? code : 'INTERNAL',
    `training ${result.state === 'Cancelled' ? 'was cancelled' : 'failed'} at step ${result.failedStep ?? '?'}: ${result.error?.message ?? result.state}`,
    { pipeline_run_id: pipelineRunId, step: result.failedStep, state: result.state },
  );
}

/**
 * `amlops train`: the training flow in this process (load, validate, split, search, fit, evaluate,
 * quality, log, register, promote, alerts), recorded as a pipeline run. Exit 0 when the run finished,
 * whether its model was promoted or not.
 */
export function trainCommand(
  context: CliContext,
  runtime: Pick<CliRuntime, 'processFlows' | 'openPipelines' | 'openTrainFlowDeps'>,
): Command {
  return new Command('train')
    .description('train, evaluate, register and (through the promotion gate) promote a model')
    .option(
      '--data <files...>',
      'data files (CSV, Parquet, JSON Lines), read as one table; optional with --from-cases',
    )
    .option(
      '--from-cases',
      "train on the audited inputs of the analysts' concluded cases too, the conclusion as the target (docs/cases.md)",
    )
    .option('--since <date>', 'with --from-cases: only cases opened at or after this ISO date or time')
    .option('--test-data <file>', 'use this file as the test split instead of splitting --data')
    .option(
      '--preset <name>',
      'search preset: original (the original grid) or default (setting training.preset)',
    )
    .option('--params <json>', 'train exactly these XGBoost parameters, without a search')
    .option('--seed <n>', 'seed of the search and the model (setting training.seed)')
    .option(
      '--budget <duration>',
      'time budget of the default search, e.g. 60s (setting training.budgetSeconds)',
    )
    .option('--promote', 'promote the new version whatever the gate says')
    .option('--no-promote', 'do not promote the new version')
    .option('--dry-run', 'train and evaluate, but record and register nothing')
    .option('--json', 'print the result as one JSON object')
    .action(async (options: TrainOptions, command: Command) => {
      const { config } = context.config(command, {
        'training.preset': options.preset,
        'training.seed': options.seed,
      });
      if (options.since !== undefined && !options.fromCases)
        throw new AmlopsError(
          'USAGE',
          '--since chooses which concluded cases to train on: give it with --from-cases',
        );
      if (options.data === undefined && !options.fromCases)
        throw new AmlopsError('USAGE', 'give the training data: --data FILE..., --from-cases, or both');
      const json: Record<string, unknown> = {
        ...(options.data !== undefined ? { data: options.data } : {}),
        // Pinned now: a retried run reads the cases concluded before the command was given.
        ...(options.fromCases
          ? {
              fromCases: {
                ...(options.since !== undefined ? { since: options.since } : {}),
                until: Date.now(),
              },
            }
          : {}),
        ...(options.testData ? { testData: options.testData } : {}),
        ...(options.params ? { params: parseJsonObject(options.params, '--params') } : {}),
        ...(options.budget ? { budgetSeconds: parseBudget(options.budget) } : {}),
        ...(options.promote === undefined ? {} : { promote: options.promote }),
        ...(options.dryRun ? { dryRun: true } : {}),
        ...(loginName(context.io) ? { user: loginName(context.io) } : {}),
      };
      trainParams(json, config);
      let bar: ProgressBar | undefined;
      const onCandidate = (progress: SearchProgress): void => {
        bar ??= context.progress(command, 'search', progress.total);
        bar.update(progress.done);
      };
      let result: FlowResult;
      let pipelineRunId: string | null = null;
      if (options.dryRun) {
        // A dry run records nothing, not even a pipeline run.
        const opened = await runtime.openTrainFlowDeps(config, context.io.cwd, { onCandidate });
        try {
          const noRecord = { runState: async () => {}, step: async () => {}, log: async () => {} };
          result = await runFlow(trainFlow(opened.deps, trainParams(json, config)), { recorder: noRecord });
        } finally {
          await opened.close();
        }
      } else {
        const owned = await runtime.processFlows(config, context.io.cwd, { onCandidate });
        try {
          const pipelines = await runtime.openPipelines(config, {
            cwd: context.io.cwd,
            flows: owned.flows,
            queue: 'none',
            warn: (message) => context.io.stderr(`warning: ${message}\n`),
          });
          try {
            const started = await startPipelineRun(pipelines.deps, 'train', json);
            pipelineRunId = started.run.id;
            result = started.result!;
          } finally {
            await pipelines.close();
          }
        } finally {
          await owned.close();
        }
      }
      bar?.finish();
      if (result.state !== 'Completed') throw failure(result, pipelineRunId);
      const out = summary(result, config['model.name'], pipelineRunId);
      const metrics = out.metrics as Record<string, number>;
      const model = out.model as { version: string | null; aliases: string[] };
      const segments = out.segments as SegmentReport | null;
      context.print(command, out, () =>
        [
          `trained ${config['model.name']}${model.version ? ` version ${model.version}` : ' (dry run: nothing recorded)'}`,
          `  test ROC AUC   ${metrics.test_roc_auc?.toFixed(4)}${metrics.test_roc_auc_lower === undefined ? '' : ` (95% interval ${metrics.test_roc_auc_lower.toFixed(4)} to ${metrics.test_roc_auc_upper?.toFixed(4)})`}   (train ${metrics.train_roc_auc?.toFixed(4)})`,
          `  test PR AUC    ${metrics.test_pr_auc?.toFixed(4)}`,
          ...(out.training_cases !== null
            ? [
                `  cases          ${out.training_cases} concluded cases (listed in the run's training-cases.csv)`,
              ]
            : []),
          ...(segments ? segmentLines(segments) : []),
          ...(out.preset_adaptation
            ? [
                `  search         ${out.preset_adaptation}: the original's grid and regularised shallow trees, 5 folds`,
              ]
            : []),
          `  ${out.promoted ? 'promoted' : 'not promoted'}: ${out.promotion_reason}`,
          ...(model.aliases.length ? [`  aliases        ${model.aliases.join(', ')}`] : []),
          ...(out.promote_command ? [`  to promote it  ${out.promote_command}`] : []),
          ...(out.run_id ? [`  run            ${out.run_id}`] : []),
          ...(pipelineRunId ? [`  pipeline run   ${pipelineRunId}`] : []),
        ].join('\n'),
      );
    });
}
