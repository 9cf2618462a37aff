import { Command } from 'commander';
import { AmlopsError, isAmlopsError } from '../core/errors/index.js';
import type { ThresholdRow } from '../core/evaluate/threshold-table.js';
import { parseModelRef } from '../core/scoring/parse-model-ref.js';
import {
  type AlertBudgetQuestion,
  type AlertBudgetReport,
  alertBudgetReport,
  type BudgetVersionRef,
  budgetVersion,
} from '../services/alert-budget-report.js';
import type { PlatformStores } from '../services/platform-stores.js';
import type { RecordedAlertThreshold } from '../services/recorded-alert-threshold.js';
import { setAlertThreshold } from '../services/set-alert-threshold.js';
import type { CliContext } from './cli-context.js';
import { decisionMaker } from './decision-maker.js';
import { formatCell } from './format-cell.js';
import { renderTable } from './render-table.js';
import { withPlatformStores } from './with-platform-stores.js';

interface ThresholdFlags {
  readonly capacity?: string;
  readonly dailyVolume?: string;
  readonly threshold?: string;
  readonly set?: string;
  readonly reason?: string;
  readonly by?: string;
  readonly model?: string;
}

/** What `--set` prints with `--json`: the decision, and the budget at the new threshold when it can be read. */
interface SetThresholdResult {
  readonly model: { readonly name: string; readonly version: string };
  readonly previous: RecordedAlertThreshold | null;
  readonly alertThreshold: RecordedAlertThreshold;
  readonly budget: AlertBudgetReport | null;
  /** Why the figures at the new threshold cannot be read (no test evaluation, no table); null when they are. */
  readonly budgetUnavailable: { readonly code: string; readonly message: string } | null;
}

const NUMBER = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** A flag's number; ALERT_BUDGET_INVALID naming the flag when it is not one. */
function numberFlag(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!NUMBER.test(text.trim()))
    throw new AmlopsError('ALERT_BUDGET_INVALID', `${flag} takes a number; got '${text}'`, {
      flag,
      value: text,
    });
  return Number(text);
}

const percent = (rate: number | null): string =>
  rate === null ? '-' : `${Number((rate * 100).toPrecision(3))}%`;
const f4 = (x: number | null): string => (x === null ? '-' : x.toFixed(4));
const count = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/**
 * `amlops threshold`: the alert budget. `--capacity N --daily-volume N` (or the settings
 * `cases.capacityPerDay` and `cases.dailyVolume`) picks the threshold that sends about N cases a day
 * to the analysts and states, from the test evaluation of the version `--model` names (the
 * production version of `model.name` by default), the expected precision, recall and alert rate at it, with the precision–recall table
 * around it; `--threshold T` says the same for a given threshold; with neither, the version's own
 * alert threshold is read. `--set T --reason "…" [--by NAME]` sets the version's alert threshold, a
 * registry decision recorded with who, when and why.
 */
export function thresholdCommand(context: CliContext): Command {
  return new Command('threshold')
    .description(
      "the alert budget: the threshold that sends the analysts about --capacity cases a day, with its expected precision and recall; or set a version's alert threshold",
    )
    .option('--capacity <cases>', 'cases the team reviews a day (setting cases.capacityPerDay)')
    .option('--daily-volume <cases>', 'cases scored a day (setting cases.dailyVolume)')
    .option('--threshold <score>', 'state the figures at this threshold instead (a score from 0 to 1)')
    .option(
      '--set <score>',
      "set the version's alert threshold to this score (a recorded decision; needs --reason)",
    )
    .option('--reason <text>', 'why the alert threshold is set (with --set)')
    .option('--by <name>', 'who sets it (default: $AMLOPS_USER or the OS user)')
    .option(
      '--model <ref>',
      'NAME, NAME/VERSION or NAME@ALIAS (default: the production version of model.name)',
    )
    .option('--json', 'print the budget as JSON')
    .action(async (flags: ThresholdFlags, command: Command) => {
      const { config } = context.config(command);
      const ref = parseModelRef(flags.model ?? config['model.name']);
      const capacityFlag = numberFlag(flags.capacity, '--capacity');
      const volumeFlag = numberFlag(flags.dailyVolume, '--daily-volume');
      const threshold = numberFlag(flags.threshold, '--threshold');
      const set = numberFlag(flags.set, '--set');
      const configured = (value: number): number | undefined => (value > 0 ? value : undefined);
      const dailyVolume = volumeFlag ?? configured(config['cases.dailyVolume']);
      const sources = [
        `capacity from ${capacityFlag !== undefined ? '--capacity' : 'setting cases.capacityPerDay'}`,
        `daily volume from ${volumeFlag !== undefined ? '--daily-volume' : 'setting cases.dailyVolume'}`,
      ].join(', ');

      if (set !== undefined) {
        if (threshold !== undefined || capacityFlag !== undefined)
          throw new AmlopsError(
            'USAGE',
            '--set takes the threshold itself: give it without --threshold or --capacity',
          );
        if (flags.reason === undefined)
          throw new AmlopsError(
            'USAGE',
            'say why the alert threshold is set with --reason "…" (recorded on the version)',
          );
        const by = decisionMaker(context.io, flags.by);
        const result = await withPlatformStores(context, command, (stores) =>
          setThreshold(stores, { ref, threshold: set, by, reason: flags.reason!, dailyVolume }),
        );
        context.print(command, result, () => renderSet(result));
        return;
      }

      if (threshold !== undefined && capacityFlag !== undefined)
        throw new AmlopsError(
          'USAGE',
          'give either --capacity (to pick a threshold) or --threshold (to read one), not both',
        );
      const capacity = capacityFlag ?? configured(config['cases.capacityPerDay']);
      let question: AlertBudgetQuestion;
      if (threshold !== undefined)
        question = { threshold, ...(dailyVolume !== undefined ? { dailyVolume } : {}) };
      else if (capacity !== undefined) {
        if (dailyVolume === undefined)
          throw new AmlopsError(
            'ALERT_BUDGET_INVALID',
            `a capacity of ${capacity} cases a day needs the number of cases scored a day: give --daily-volume N or set cases.dailyVolume`,
            { capacity },
          );
        question = { capacity, dailyVolume };
      } else question = dailyVolume !== undefined ? { dailyVolume } : {};
      const report = await withPlatformStores(context, command, (stores) =>
        alertBudgetReport(stores, { ...ref, question }),
      ).catch((error: unknown) => {
        // Say where a refused capacity or volume came from: a flag or a setting.
        if (isAmlopsError(error) && error.code === 'ALERT_BUDGET_INVALID' && 'capacity' in question)
          throw new AmlopsError(error.code, `${error.message} (${sources})`, error.details);
        throw error;
      });
      context.print(command, report, () => renderBudget(report));
    });
}

async function setThreshold(
  stores: PlatformStores,
  input: {
    ref: BudgetVersionRef;
    threshold: number;
    by: string;
    reason: string;
    dailyVolume: number | undefined;
  },
): Promise<SetThresholdResult> {
  const target = await budgetVersion(stores.registry, input.ref);
  const change = await setAlertThreshold(stores.registry, {
    name: target.name,
    version: target.version,
    threshold: input.threshold,
    by: input.by,
    reason: input.reason,
  });
  const model = { name: target.name, version: target.version };
  try {
    const budget = await alertBudgetReport(stores, {
      ...model,
      question: input.dailyVolume !== undefined ? { dailyVolume: input.dailyVolume } : {},
    });
    return {
      model,
      previous: change.previous,
      alertThreshold: change.current,
      budget,
      budgetUnavailable: null,
    };
  } catch (error) {
    // The decision is recorded; only the figures at it are missing, and the reason is shown.
    if (
      isAmlopsError(error) &&
      (error.code === 'TEST_EVALUATION_MISSING' || error.code === 'THRESHOLD_TABLE_MISSING')
    )
      return {
        model,
        previous: change.previous,
        alertThreshold: change.current,
        budget: null,
        budgetUnavailable: { code: error.code, message: error.message },
      };
    throw error;
  }
}

function renderSet(result: SetThresholdResult): string {
  const { model, previous, alertThreshold: now } = result;
  return [
    `alert threshold of ${model.name} version ${model.version} set to ${now.value} by ${now.setBy}${previous ? ` (was ${previous.value})` : ''}: ${now.reason}`,
    ...(result.budget
      ? ['', renderBudget(result.budget)]
      : [`no figures at it: ${result.budgetUnavailable?.message ?? 'no test evaluation'}`]),
  ].join('\n');
}

function renderBudget(report: AlertBudgetReport): string {
  const { model, request, at, perDay, evaluation } = report;
  const version = `${model.name} version ${model.version}${model.aliases.length ? ` (${model.aliases.join(', ')})` : ''}`;
  const asked =
    request.capacity !== null
      ? `a capacity of ${request.capacity} cases a day out of ${request.dailyVolume} scored (${percent(request.alertRate)})`
      : report.alertThreshold && request.threshold === report.alertThreshold.value
        ? `its alert threshold ${request.threshold}`
        : `threshold ${request.threshold}`;
  const source =
    evaluation.kind === 'training'
      ? `the test split of training run ${evaluation.runId}`
      : `amlops evaluate run ${evaluation.runId}${evaluation.data ? ` on ${evaluation.data}` : ''}`;
  const daily = perDay
    ? `, about ${perDay.alerts.toFixed(1)} cases a day of which ${perDay.truePositives.toFixed(1)} laundering`
    : '';
  const headers = [
    '',
    'THRESHOLD',
    'ALERT RATE',
    ...(perDay ? ['A DAY'] : []),
    'PRECISION',
    'RECALL',
    'ALERTS',
    'CAUGHT',
  ];
  const row = (mark: string, r: Omit<ThresholdRow, 'precision'> & { precision: number | null }): string[] => [
    mark,
    formatCell.number(r.threshold),
    percent(r.alertRate),
    ...(perDay ? [(r.alertRate * request.dailyVolume!).toFixed(1)] : []),
    f4(r.precision),
    f4(r.recall),
    count(r.alerts),
    count(r.truePositives),
  ];
  const rows = report.around.map((r) => row(r.threshold === at.threshold && at.exact ? '>' : '', r));
  if (!at.exact || !report.around.some((r) => r.threshold === at.threshold)) {
    // An interpolated point (or one above every score) goes where its threshold falls.
    const place = report.around.findIndex((r) => r.threshold < at.threshold);
    rows.splice(place === -1 ? rows.length : place, 0, row(at.exact ? '>' : '~', at));
  }
  const recorded = report.alertThreshold;
  return [
    ...report.warnings.map((w) => `warning: ${w}`),
    `${version}, ${asked}:`,
    `threshold ${formatCell.number(at.threshold)}: alerts ${percent(at.alertRate)} of cases${daily}${at.exact ? '' : ' (interpolated between two rows of the table)'}`,
    `  precision ${f4(at.precision)}  (share of alerts that are laundering)`,
    `  recall    ${f4(at.recall)}  (share of laundering caught)`,
    `measured on ${source}: ${evaluation.cases} cases, ${evaluation.positives} positive`,
    '',
    renderTable(headers, rows),
    '',
    recorded
      ? `alert threshold of version ${model.version}: ${recorded.value}, set by ${recorded.setBy} at ${recorded.setAt}: ${recorded.reason}`
      : `alert threshold of version ${model.version}: not set${report.trainingThreshold !== null ? ` (its training's operating threshold, as many alerts as positives: ${formatCell.number(report.trainingThreshold)})` : ''}`,
    ...(recorded?.value === at.threshold
      ? []
      : [
          `to set it: amlops threshold --model ${model.name}/${model.version} --set ${at.threshold} --reason "…"`,
        ]),
  ].join('\n');
}
