import type { LiveAlertBudget } from '../core/cases/index.js';
import type { AlertBudgetReport } from '../services/alert-budget-report.js';
import { LIVE_WINDOW_DAYS } from '../services/version-live-budget.js';
import { formatCell } from './format-cell.js';

const count = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(1));
const f4 = (x: number | null): string => (x === null ? '-' : x.toFixed(4));
const percent = (rate: number): string => `${Number((rate * 100).toPrecision(3))}%`;
const cases = (n: number): string => `${n} case${n === 1 ? '' : 's'}`;

/**
 * The live section of `amlops threshold`: what the version's cases did since its alert threshold
 * was set (alerted cases opened a day, the live precision of the concluded ones, the sample below
 * the threshold) beside what the threshold promised, then the findings, warnings first. Says so
 * plainly when no case was opened yet.
 *
 * @example
 * if (report.live) lines.push(renderLiveBudget(report.live, report));
 * // live: the cases version 4 opened since its alert threshold was set, 2026-12-01T10:18:24.335Z (14 complete UTC days):
 * //   72 alerted cases a day (median; mean 70.4, from 58 to 81), 75 on 2026-12-15, 31 today so far
 */
export function renderLiveBudget(
  live: LiveAlertBudget,
  report: Pick<AlertBudgetReport, 'model' | 'alertThreshold'>,
): string {
  const { promised, totals, openedPerDay: perDay, days } = live;
  const version = `version ${report.model.version}`;
  if (!promised && totals.opened + totals.sampled === 0)
    return `live: ${version} has no alert threshold: its scores open no case, so nothing was promised`;
  const since =
    report.alertThreshold && Date.parse(report.alertThreshold.setAt) === Date.parse(live.from)
      ? `since its alert threshold was set, ${live.from}`
      : `since ${live.from} (the last ${LIVE_WINDOW_DAYS} days at most)`;
  if (totals.opened + totals.sampled === 0)
    return `live: no case opened by ${version} yet ${since}: nothing to compare with what was promised`;
  const complete =
    days.length === 0
      ? 'no complete UTC day yet'
      : `${days.length} complete UTC day${days.length === 1 ? '' : 's'}`;
  const lines = [`live: the cases ${version} opened ${since} (${complete}):`];
  if (perDay)
    lines.push(
      `  ${count(perDay.median)} alerted cases a day (median; mean ${perDay.mean.toFixed(1)}, from ${perDay.min} to ${perDay.max}), ${perDay.lastDay} on ${days.at(-1)!.day}, ${live.today} today so far`,
    );
  else lines.push(`  ${cases(totals.opened)} alerted so far, ${live.today} of them today`);
  if (promised) {
    const volume =
      promised.alertsPerDay !== null
        ? `about ${promised.alertsPerDay.toFixed(1)} alerts a day`
        : `alerts ${percent(promised.alertRate)} of the cases scored (no daily volume to make it cases a day)`;
    const capacity = promised.capacity !== null ? `capacity ${promised.capacity} a day; ` : '';
    lines.push(
      `  promised: ${capacity}${volume} at threshold ${formatCell.number(promised.threshold)}; precision ${f4(promised.precision)}`,
    );
  }
  const { precision } = live;
  const interval = precision.interval
    ? ` (95% interval ${precision.interval.lower.toFixed(4)} to ${precision.interval.upper.toFixed(4)})`
    : '';
  const backlog =
    promised?.capacity && totals.notConcluded > 0
      ? ` (${(totals.notConcluded / promised.capacity).toFixed(1)} days of capacity)`
      : '';
  lines.push(
    `  concluded ${totals.concluded} of the ${totals.opened} alerted, ${totals.positive} laundering: live precision ${f4(precision.value)}${interval}; ${totals.notConcluded} not concluded yet${backlog}`,
  );
  if (totals.sampled > 0)
    lines.push(
      `  sampled below the threshold (counted apart): ${cases(totals.sampled)}, ${totals.sampledConcluded} concluded, ${totals.sampledPositive} laundering`,
    );
  // Warnings first, each finding on its line.
  const ordered = [...live.findings].sort(
    (a, b) => Number(b.severity === 'warning') - Number(a.severity === 'warning'),
  );
  for (const f of ordered) lines.push(`  ${f.severity === 'warning' ? 'warning: ' : ''}${f.message}`);
  return lines.join('\n');
}
