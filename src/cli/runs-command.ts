import { Command } from 'commander';
import { AmlopsError } from '../core/errors/index.js';
import type { ViewType } from '../core/tracking/index.js';
import { compareRuns, type RunComparison } from '../services/compare-runs.js';
import { listRuns } from '../services/list-runs.js';
import { type RunDetails, showRun } from '../services/show-run.js';
import type { CliContext } from './cli-context.js';
import { formatCell } from './format-cell.js';
import { renderRunTable } from './render-run-table.js';
import { renderTable } from './render-table.js';
import { withPlatformStores } from './with-platform-stores.js';

interface ListOptions {
  readonly experiment?: string[];
  readonly filter?: string;
  readonly orderBy?: string[];
  readonly limit: string;
  readonly pageToken?: string;
  readonly deleted?: boolean;
  readonly all?: boolean;
}

/** `amlops runs list|show|compare`: the training runs of the tracking store. */
export function runsCommand(context: CliContext): Command {
  const runs = new Command('runs').description('list, show and compare tracked runs');

  runs
    .command('list')
    .description('list runs, newest first unless --order-by says otherwise')
    .option(
      '--experiment <experiment...>',
      'only runs of these experiments (id or name; default: every active one)',
    )
    .option(
      '--filter <filter>',
      'MLflow filter, such as "metrics.test_roc_auc > 0.89 and params.max_depth = \'4\'"',
    )
    .option('--order-by <clause...>', 'MLflow order_by clauses, such as "metrics.test_roc_auc DESC"')
    .option('--limit <n>', 'at most this many runs (1-50000)', '100')
    .option('--page-token <token>', 'the next page of an earlier listing (its nextPageToken)')
    .option('--deleted', 'list deleted runs instead')
    .option('--all', 'list active and deleted runs')
    .option('--json', 'print {runs, nextPageToken} as JSON')
    .action(async (options: ListOptions, command: Command) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 50_000)
        throw new AmlopsError('USAGE', `--limit must be an integer from 1 to 50000; got '${options.limit}'`);
      const view: ViewType = options.all ? 'ALL' : options.deleted ? 'DELETED_ONLY' : 'ACTIVE_ONLY';
      const list = await withPlatformStores(context, command, (stores) =>
        listRuns(stores.tracking, {
          view,
          maxResults: limit,
          ...(options.experiment ? { experiments: options.experiment } : {}),
          ...(options.filter ? { filter: options.filter } : {}),
          ...(options.orderBy ? { orderBy: options.orderBy } : {}),
          ...(options.pageToken ? { pageToken: options.pageToken } : {}),
        }),
      );
      context.print(command, list, () =>
        list.runs.length === 0
          ? 'no runs'
          : [
              renderRunTable(list.runs),
              ...(list.nextPageToken ? [`(more: --page-token ${list.nextPageToken})`] : []),
            ].join('\n'),
      );
    });

  runs
    .command('show <run-id>')
    .description('show a run: params, latest metrics, tags, artifacts and the model versions made from it')
    .option('--json', 'print {run, experimentName, artifacts, modelVersions} as JSON')
    .action(async (runId: string, _options: unknown, command: Command) => {
      const details = await withPlatformStores(context, command, (stores) => showRun(stores, runId));
      context.print(command, details, () => renderRunDetails(details));
    });

  runs
    .command('compare <run-ids...>')
    .description('compare runs side by side: params and metrics, differences marked with *')
    .option('--only-differences', 'show only the params and metrics that differ')
    .option('--json', 'print {runs, params, metrics} as JSON, each row with `differs`')
    .action(async (ids: string[], options: { onlyDifferences?: boolean }, command: Command) => {
      const comparison = await withPlatformStores(context, command, (stores) =>
        compareRuns(stores.tracking, ids),
      );
      context.print(command, comparison, () =>
        renderComparison(comparison, Boolean(options.onlyDifferences)),
      );
    });
  return runs;
}

function renderRunDetails(details: RunDetails): string {
  const { run } = details;
  const section = (title: string, rows: string[][], headers: string[]) =>
    rows.length === 0 ? `${title}: none` : `${title}:\n${renderTable(headers, rows)}`;
  return [
    renderTable(
      ['FIELD', 'VALUE'],
      [
        ['run id', run.runId],
        ['name', formatCell.text(run.runName)],
        ['experiment', `${details.experimentName} (${run.experimentId})`],
        ['status', run.lifecycleStage === 'deleted' ? `${run.status} (deleted)` : run.status],
        ['user', formatCell.text(run.userId)],
        ['started', formatCell.time(run.startTime)],
        ['ended', formatCell.time(run.endTime)],
        ['artifacts', run.artifactUri],
      ],
    ),
    section(
      'params',
      Object.entries(run.params).sort(([a], [b]) => (a < b ? -1 : 1)),
      ['KEY', 'VALUE'],
    ),
    section(
      'metrics',
      Object.entries(run.metrics)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, formatCell.number(v)]),
      ['KEY', 'LATEST'],
    ),
    section(
      'tags',
      Object.entries(run.tags).sort(([a], [b]) => (a < b ? -1 : 1)),
      ['KEY', 'VALUE'],
    ),
    section(
      'artifacts',
      details.artifacts.map((f) => [f.path, f.fileSize === undefined ? '-' : String(f.fileSize)]),
      ['PATH', 'BYTES'],
    ),
    section(
      'model versions',
      details.modelVersions.map((v) => [v.name, v.version, v.stage, v.aliases.join(',') || '-']),
      ['MODEL', 'VERSION', 'STAGE', 'ALIASES'],
    ),
  ].join('\n\n');
}

function renderComparison(comparison: RunComparison, onlyDifferences: boolean): string {
  const headers = [
    '',
    'KEY',
    ...comparison.runs.map((r) => `${r.runName || r.runId.slice(0, 8)} (${r.runId.slice(0, 8)})`),
  ];
  const keep = <T extends { differs: boolean }>(rows: readonly T[]) =>
    rows.filter((r) => !onlyDifferences || r.differs);
  const params = keep(comparison.params).map((p) => [
    p.differs ? '*' : '',
    p.key,
    ...p.values.map((v) => formatCell.text(v)),
  ]);
  const metrics = keep(comparison.metrics).map((m) => [
    m.differs ? '*' : '',
    m.key,
    ...m.values.map((v) => formatCell.number(v)),
  ]);
  return [
    params.length === 0 ? 'params: none' : `params:\n${renderTable(headers, params)}`,
    metrics.length === 0 ? 'metrics: none' : `metrics:\n${renderTable(headers, metrics)}`,
    '(* the runs differ)',
  ].join('\n\n');
}
