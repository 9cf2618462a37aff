import { Command } from 'commander';
import type { Experiment, ViewType } from '../core/tracking/index.js';
import { experimentLifecycle } from '../services/experiment-lifecycle.js';
import { listExperiments } from '../services/list-experiments.js';
import type { PlatformStores } from '../services/platform-stores.js';
import { showExperiment } from '../services/show-experiment.js';
import type { CliContext } from './cli-context.js';
import { formatCell } from './format-cell.js';
import { renderRunTable } from './render-run-table.js';
import { renderTable } from './render-table.js';
import { withPlatformStores } from './with-platform-stores.js';

/**
 * `amlops experiments list|show|rename|delete|restore`: the experiments of the tracking store.
 * An experiment is named by id or by name.
 */
export function experimentsCommand(context: CliContext): Command {
  const experiments = new Command('experiments').description(
    'list, show, rename, delete and restore experiments',
  );

  experiments
    .command('list')
    .description('list experiments, newest first')
    .option('--deleted', 'list deleted experiments instead')
    .option('--all', 'list active and deleted experiments')
    .option('--filter <filter>', 'MLflow filter, such as "name LIKE \'consumers%\'"')
    .option('--json', 'print {experiments} as JSON')
    .action(async (options: { deleted?: boolean; all?: boolean; filter?: string }, command: Command) => {
      const view: ViewType = options.all ? 'ALL' : options.deleted ? 'DELETED_ONLY' : 'ACTIVE_ONLY';
      const list = await withPlatformStores(context, command, (stores) =>
        listExperiments(stores.tracking, { view, ...(options.filter ? { filter: options.filter } : {}) }),
      );
      context.print(command, { experiments: list }, () =>
        list.length === 0
          ? 'no experiments'
          : renderTable(
              ['ID', 'NAME', 'STAGE', 'CREATED', 'ARTIFACT LOCATION'],
              list.map((e) => [
                e.experimentId,
                e.name,
                e.lifecycleStage,
                formatCell.time(e.creationTime),
                e.artifactLocation,
              ]),
            ),
      );
    });

  experiments
    .command('show <experiment>')
    .description('show an experiment (by id or name) and its newest runs')
    .option('--json', 'print {experiment, recentRuns, moreRuns} as JSON')
    .action(async (ref: string, _options: unknown, command: Command) => {
      const details = await withPlatformStores(context, command, (stores) =>
        showExperiment(stores.tracking, ref),
      );
      context.print(command, details, () =>
        [
          renderExperiment(details.experiment),
          '',
          details.recentRuns.length === 0 ? 'no runs' : renderRunTable(details.recentRuns),
          ...(details.moreRuns ? ['(more runs: amlops runs list --experiment …)'] : []),
        ].join('\n'),
      );
    });

  const change = (
    name: string,
    description: string,
    act: (stores: PlatformStores, ref: string, extra: string[]) => Promise<Experiment>,
    extraArgs = '',
  ) =>
    experiments
      .command(`${name} <experiment>${extraArgs}`)
      .description(description)
      .option('--json', 'print {experiment} as JSON')
      .action(async (ref: string, ...rest: unknown[]) => {
        const command = rest.at(-1) as Command;
        const extra = rest.slice(0, -2) as string[];
        const experiment = await withPlatformStores(context, command, (stores) => act(stores, ref, extra));
        context.print(command, { experiment }, () => renderExperiment(experiment));
      });

  change(
    'rename',
    'rename an experiment',
    (s, ref, [newName]) => experimentLifecycle.rename(s.tracking, ref, newName!),
    ' <new-name>',
  );
  change('delete', 'delete an experiment and its runs (they can be restored)', (s, ref) =>
    experimentLifecycle.delete(s.tracking, ref),
  );
  change('restore', 'restore a deleted experiment and its runs', (s, ref) =>
    experimentLifecycle.restore(s.tracking, ref),
  );
  return experiments;
}

function renderExperiment(e: Experiment): string {
  return renderTable(
    ['FIELD', 'VALUE'],
    [
      ['id', e.experimentId],
      ['name', e.name],
      ['stage', e.lifecycleStage],
      ['created', formatCell.time(e.creationTime)],
      ['updated', formatCell.time(e.lastUpdateTime)],
      ['artifacts', e.artifactLocation],
      ...e.tags.map((t) => [`tag ${t.key}`, t.value]),
    ],
  );
}
