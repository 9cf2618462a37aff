import { type ProportionInterval, proportionInterval } from '../evaluate/proportion-interval.js';
import type { Finding } from '../findings/index.js';
import type { CaseDay } from './case-day.js';
import { LIVE_BUDGET_FINDING_CODES, type LiveBudgetFindingCode } from './live-budget-finding-codes.js';

/** What the alert threshold in force promised, from the version's test evaluation and the team. */
export interface BudgetPromise {
  /** The alert threshold in force: cases open at or above it. */
  readonly threshold: number;
  /** The team's capacity, cases a day; null when not given. */
  readonly capacity: number | null;
  /** The share of scored cases alerted at the threshold, in the test evaluation. */
  readonly alertRate: number;
  /** The alert rate times the daily volume; null without a daily volume. */
  readonly alertsPerDay: number | null;
  /** The share of alerts that are laundering, in the test evaluation; null when it alerts none. */
  readonly precision: number | null;
}

/** The cases a version opened, and what they are compared with. */
export interface LiveBudgetInput {
  /** Null when the version has no alert threshold (it opens no case; nothing was promised). */
  readonly promised: BudgetPromise | null;
  /** The version's cases opened from `from` to `now`, per UTC day (days without a case may be absent). */
  readonly days: readonly CaseDay[];
  /** Cases opened at or after this time are observed (ms): when the threshold was set, or the window's start. */
  readonly from: number;
  readonly now: number;
}

/** The alerted cases opened on the complete days observed. */
export interface OpenedPerDay {
  readonly median: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  /** The last complete day (yesterday, UTC). */
  readonly lastDay: number;
}

/** Every case opened since `from`, today's included. */
export interface LiveCaseTotals {
  readonly opened: number;
  readonly concluded: number;
  readonly positive: number;
  /** Alerted cases opened and not concluded yet: open or in review. */
  readonly notConcluded: number;
  readonly sampled: number;
  readonly sampledConcluded: number;
  readonly sampledPositive: number;
}

/** What happened to a version's cases, against what its threshold promised. */
export interface LiveAlertBudget {
  /** ISO time from which cases are observed. */
  readonly from: string;
  readonly promised: BudgetPromise | null;
  /**
   * The complete UTC days observed, oldest first, zero-filled: from the first day a case was
   * opened (or the first day starting after `from`, whichever is later) to yesterday.
   */
  readonly days: readonly CaseDay[];
  /** Null before a complete day was observed. */
  readonly openedPerDay: OpenedPerDay | null;
  /** Alerted cases opened today so far (UTC). */
  readonly today: number;
  readonly totals: LiveCaseTotals;
  /** Concluded laundering / concluded, over the alerted cases; null before any is concluded. */
  readonly precision: {
    readonly value: number | null;
    readonly interval: ProportionInterval | null;
    readonly concluded: number;
  };
  readonly findings: readonly Finding[];
}

const DAY_MS = 86_400_000;
/** More than this share over or under the capacity is said so. */
const CAPACITY_TOLERANCE = 0.1;
/** More than this share over or under the expected alerts a day is said so: volume moves from day to day. */
const EXPECTED_TOLERANCE = 0.2;
/** Fewer concluded alerted cases than this: the live precision is not compared. */
const MIN_CONCLUDED = 30;

const dayName = (index: number): string => new Date(index * DAY_MS).toISOString().slice(0, 10);
const dayIndex = (name: string): number => Math.round(Date.parse(`${name}T00:00:00Z`) / DAY_MS);
const perDay = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(1));
const share = (ratio: number): string => `${Math.round(Math.abs(ratio - 1) * 100)}%`;
const f2 = (x: number): string => x.toFixed(2);

function finding(
  code: LiveBudgetFindingCode,
  path: string,
  message: string,
  value?: unknown,
  threshold?: unknown,
): Finding {
  return {
    code,
    path,
    severity: LIVE_BUDGET_FINDING_CODES[code].severity,
    message,
    ...(value !== undefined ? { value } : {}),
    ...(threshold !== undefined ? { threshold } : {}),
  };
}

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const empty = (day: string): CaseDay => ({
  day,
  opened: 0,
  concluded: 0,
  positive: 0,
  sampled: 0,
  sampledConcluded: 0,
  sampledPositive: 0,
});

function totalsOf(days: readonly CaseDay[]): LiveCaseTotals {
  const sum = (key: keyof Omit<CaseDay, 'day'>) => days.reduce((n, d) => n + d[key], 0);
  const opened = sum('opened');
  const concluded = sum('concluded');
  return {
    opened,
    concluded,
    positive: sum('positive'),
    notConcluded: opened - concluded,
    sampled: sum('sampled'),
    sampledConcluded: sum('sampledConcluded'),
    sampledPositive: sum('sampledPositive'),
  };
}

/** The opened-per-day figures against the capacity and the expected alerts a day. */
function volumeFindings(promised: BudgetPromise, stats: OpenedPerDay, days: number): Finding[] {
  const findings: Finding[] = [];
  const opening = `opening ${perDay(stats.median)} cases a day (median of ${days} day${days === 1 ? '' : 's'})`;
  const { capacity, alertsPerDay } = promised;
  if (capacity !== null && capacity > 0) {
    const ratio = stats.median / capacity;
    if (ratio > 1 + CAPACITY_TOLERANCE)
      findings.push(
        finding(
          'LIVE_OVER_CAPACITY',
          'openedPerDay',
          `${opening}, ${share(ratio)} over the capacity of ${capacity}: the queue grows; a higher threshold sends fewer`,
          stats.median,
          capacity,
        ),
      );
    else if (ratio < 1 - CAPACITY_TOLERANCE)
      findings.push(
        finding(
          'LIVE_UNDER_CAPACITY',
          'openedPerDay',
          `${opening}, ${share(ratio)} under the capacity of ${capacity}: a lower threshold would use it`,
          stats.median,
          capacity,
        ),
      );
    else
      findings.push(
        finding(
          'LIVE_WITHIN_CAPACITY',
          'openedPerDay',
          `${opening}, within ${CAPACITY_TOLERANCE * 100}% of the capacity of ${capacity}`,
          stats.median,
          capacity,
        ),
      );
  }
  if (alertsPerDay !== null) {
    const expected = `the ${alertsPerDay.toFixed(1)} a day the test evaluation expects at threshold ${Number(promised.threshold.toPrecision(6))}`;
    const ratio =
      alertsPerDay > 0 ? stats.median / alertsPerDay : stats.median > 0 ? Number.POSITIVE_INFINITY : 1;
    const drift = 'the live population or the daily volume differs from the evaluation (drift)';
    if (ratio > 1 + EXPECTED_TOLERANCE)
      findings.push(
        finding(
          'LIVE_ALERTS_ABOVE_EXPECTED',
          'openedPerDay',
          `${opening}, ${Number.isFinite(ratio) ? `${share(ratio)} more than` : 'more than'} ${expected}: ${drift}`,
          stats.median,
          alertsPerDay,
        ),
      );
    else if (ratio < 1 - EXPECTED_TOLERANCE)
      findings.push(
        finding(
          'LIVE_ALERTS_BELOW_EXPECTED',
          'openedPerDay',
          `${opening}, ${share(ratio)} fewer than ${expected}: ${drift}`,
          stats.median,
          alertsPerDay,
        ),
      );
    else
      findings.push(
        finding(
          'LIVE_ALERTS_AS_EXPECTED',
          'openedPerDay',
          `${opening}, within ${EXPECTED_TOLERANCE * 100}% of ${expected}`,
          stats.median,
          alertsPerDay,
        ),
      );
  }
  return findings;
}

/** The live precision against the expected one: compared only with enough concluded cases. */
function precisionFindings(
  expected: number | null,
  totals: LiveCaseTotals,
  interval: ProportionInterval | null,
): Finding[] {
  const { concluded, positive } = totals;
  if (concluded < MIN_CONCLUDED)
    return [
      finding(
        'LIVE_PRECISION_TOO_FEW',
        'precision',
        `too few concluded cases to compare precision: ${concluded} concluded (${positive} laundering) of the ${MIN_CONCLUDED} needed`,
        concluded,
        MIN_CONCLUDED,
      ),
    ];
  if (expected === null || !interval) return [];
  const live = positive / concluded;
  const stated = `live precision ${f2(live)} (${positive} laundering of ${concluded} concluded; 95% interval ${f2(interval.lower)}–${f2(interval.upper)})`;
  if (interval.upper < expected)
    return [
      finding(
        'LIVE_PRECISION_BELOW_EXPECTED',
        'precision',
        `${stated} is below the expected ${f2(expected)}: fewer alerts are laundering than the test evaluation promised`,
        live,
        expected,
      ),
    ];
  if (interval.lower > expected)
    return [
      finding(
        'LIVE_PRECISION_ABOVE_EXPECTED',
        'precision',
        `${stated} is above the expected ${f2(expected)}`,
        live,
        expected,
      ),
    ];
  return [
    finding(
      'LIVE_PRECISION_AS_EXPECTED',
      'precision',
      `${stated} agrees with the expected ${f2(expected)}`,
      live,
      expected,
    ),
  ];
}

/**
 * What happened to a version's cases against what its alert threshold promised: the alerted cases
 * opened per complete UTC day (median, mean, the last day) against the team's capacity and the
 * expected alerts a day (the test evaluation's alert rate times the daily volume), and the live
 * precision of the concluded cases (with its 95% Wilson interval) against the expected precision,
 * with plain-language findings. Sampled cases (below the threshold) are counted apart. The days
 * observed run from the first day a case was opened, and not before the first day starting at or
 * after `from` (a threshold set at noon makes its first day a half one), to yesterday: today is
 * under way, counted in `today` and the totals only.
 *
 * @example
 * const live = liveAlertBudget({ promised: { threshold: 0.81, capacity: 50, alertRate: 0.0025, alertsPerDay: 50, precision: 0.91 }, days, from, now });
 * live.openedPerDay?.median; // 72
 * live.findings[0]?.message; // 'opening 72 cases a day (median of 14 days), 44% over the capacity of 50: …'
 */
export function liveAlertBudget(input: LiveBudgetInput): LiveAlertBudget {
  const { promised, from, now } = input;
  const today = Math.floor(now / DAY_MS);
  const byDay = new Map(input.days.map((d) => [dayIndex(d.day), d]));
  const totals = totalsOf(input.days);
  const firstCase = Math.min(...byDay.keys());
  const first = Math.max(firstCase, Math.ceil(from / DAY_MS));
  const days: CaseDay[] = [];
  for (let d = first; d < today; d++) days.push(byDay.get(d) ?? empty(dayName(d)));
  const counts = days.map((d) => d.opened).sort((a, b) => a - b);
  const openedPerDay: OpenedPerDay | null =
    days.length === 0
      ? null
      : {
          median: median(counts),
          mean: counts.reduce((a, b) => a + b, 0) / counts.length,
          min: counts[0]!,
          max: counts.at(-1)!,
          lastDay: days.at(-1)!.opened,
        };
  const interval = proportionInterval(totals.positive, totals.concluded);
  const findings: Finding[] = [];
  const since = new Date(from).toISOString();
  if (!promised)
    findings.push(
      finding('LIVE_NO_THRESHOLD', '', 'the version has no alert threshold: its scores open no case'),
    );
  if (totals.opened + totals.sampled === 0)
    findings.push(finding('LIVE_NO_CASES', '', `no case opened since ${since}`));
  else if (!openedPerDay)
    findings.push(
      finding(
        'LIVE_NO_FULL_DAY',
        'openedPerDay',
        `${totals.opened} alerted case${totals.opened === 1 ? '' : 's'} opened since ${since}, none on a complete UTC day yet: the figures per day wait for one`,
        totals.opened,
      ),
    );
  if (promised && openedPerDay) findings.push(...volumeFindings(promised, openedPerDay, days.length));
  if (promised && totals.opened > 0)
    findings.push(...precisionFindings(promised.precision, totals, interval));
  return {
    from: since,
    promised,
    days,
    openedPerDay,
    today: byDay.get(today)?.opened ?? 0,
    totals,
    precision: {
      value: totals.concluded > 0 ? totals.positive / totals.concluded : null,
      interval,
      concluded: totals.concluded,
    },
    findings,
  };
}
