import { Command } from 'commander';
import { AmlopsError, isAmlopsError } from '../core/errors/index.js';
import { parseModelRef } from '../core/scoring/parse-model-ref.js';
import type { CaseStore } from '../ports/case-store.js';
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
import { renderAlertBudget } from './render-alert-budget.js';
import { withCaseStore } from './with-case-store.js';
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

/**
 * `amlops threshold`: the alert budget (docs/alert-budget.md). `--capacity N --daily-volume N` (or
 * the settings `cases.capacityPerDay` and `cases.dailyVolume`) picks the threshold that sends about
 * N cases a day to the analysts and states, from the test evaluation of the version `--model` names
 * (the production version of `model.name` by default), the expected precision, recall and alert
 * rate at it, with the precision–recall table around it; `--threshold T` says the same for a given
 * threshold; with neither, the version's own alert threshold is read. Then the live side: the
 * cases the version opened since its threshold was set (a day, concluded, laundering) against the
 * capacity and what the threshold promised. `--set T --reason "…" [--by NAME]` sets the version's
 * alert threshold, a registry decision recorded with who, when and why.
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
      // The live side compares the version's cases with the capacity however the question is put.
      const live = (cases: CaseStore) => ({ cases, ...(capacity !== undefined ? { capacity } : {}) });
      const report = await withPlatformStores(context, command, (stores) =>
        withCaseStore(context, command, (cases) =>
          alertBudgetReport(stores, { ...ref, question, live: live(cases) }),
        ),
      ).catch((error: unknown) => {
        // Say where a refused capacity or volume came from: a flag or a setting.
        if (isAmlopsError(error) && error.code === 'ALERT_BUDGET_INVALID' && 'capacity' in question)
          throw new AmlopsError(error.code, `${error.message} (${sources})`, error.details);
        throw error;
      });
      context.print(command, report, () => renderAlertBudget(report));
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
      ? ['', renderAlertBudget(result.budget)]
      : [`no figures at it: ${result.budgetUnavailable?.message ?? 'no test evaluation'}`]),
  ].join('\n');
}
