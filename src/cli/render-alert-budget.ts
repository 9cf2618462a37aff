import type { OperatingPoint } from '../core/evaluate/threshold-lookup.js';
import type { ThresholdRow } from '../core/evaluate/threshold-table.js';
import type { AlertBudgetReport } from '../services/alert-budget-report.js';
import { formatCell } from './format-cell.js';
import { renderLiveBudget } from './render-live-budget.js';
import { renderTable } from './render-table.js';

const percent = (rate: number | null): string =>
  rate === null ? '-' : `${Number((rate * 100).toPrecision(3))}%`;
const f4 = (x: number | null): string => (x === null ? '-' : x.toFixed(4));
const count = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/**
 * The text of `amlops threshold`: the question, the threshold with its precision, recall and alerts
 * a day, where the figures were measured, the table around it (`>` the pick, `~` an interpolated
 * point), the version's recorded alert threshold and how to set the one shown, then the live side
 * (what its cases did against what its threshold promised) when the cases were read.
 *
 * @example
 * context.print(command, report, () => renderAlertBudget(report));
 */
export function renderAlertBudget(report: AlertBudgetReport): string {
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
  const row = (mark: string, r: ThresholdRow | OperatingPoint): string[] => [
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
    ...(report.live ? ['', renderLiveBudget(report.live, report)] : []),
  ].join('\n');
}
