import { describe, expect, it } from 'vitest';
import type { CaseDay } from './case-day.js';
import { type BudgetPromise, liveAlertBudget } from './live-alert-budget.js';

const day = (name: string, opened: number, more: Partial<Omit<CaseDay, 'day' | 'opened'>> = {}): CaseDay => ({
  day: name,
  opened,
  concluded: 0,
  positive: 0,
  sampled: 0,
  sampledConcluded: 0,
  sampledPositive: 0,
  ...more,
});

/** Capacity 50 out of 20,000 a day: the pick of docs/alert-budget.md. */
const promised: BudgetPromise = {
  threshold: 0.811272919178009,
  capacity: 50,
  alertRate: 0.0025,
  alertsPerDay: 50,
  precision: 0.9133,
};

/** Alerted cases opened on 2026-12-02 … 2026-12-15 (14 complete days): sorted, their median is 72. */
const FORTNIGHT = [70, 72, 75, 58, 81, 72, 66, 73, 72, 64, 78, 69, 80, 75];
const fortnight = (extra: (i: number) => Partial<Omit<CaseDay, 'day' | 'opened'>> = () => ({})) =>
  FORTNIGHT.map((n, i) => day(`2026-12-${String(i + 2).padStart(2, '0')}`, n, extra(i)));

describe('liveAlertBudget', () => {
  it('opening 72 cases a day against a capacity and an expectation of 50, with a live precision below the promise', () => {
    const live = liveAlertBudget({
      promised,
      days: [
        // The day the threshold was set, from 10:18: half a day, in the totals only.
        day('2026-12-01', 20),
        ...fortnight((i) =>
          i < 2
            ? { concluded: 60, positive: 44 }
            : i === 3
              ? { sampled: 8, sampledConcluded: 6, sampledPositive: 1 }
              : {},
        ),
        // Today, under way.
        day('2026-12-16', 31),
      ],
      from: Date.parse('2026-12-01T10:18:24.335Z'),
      now: Date.parse('2026-12-16T09:30:00Z'),
    });
    expect(live.from).toBe('2026-12-01T10:18:24.335Z');
    expect(live.days.map((d) => d.day)).toEqual(fortnight().map((d) => d.day));
    expect(live.openedPerDay).toEqual({ median: 72, mean: 1005 / 14, min: 58, max: 81, lastDay: 75 });
    expect(live.today).toBe(31);
    expect(live.totals).toEqual({
      opened: 20 + 1005 + 31,
      concluded: 120,
      positive: 88,
      notConcluded: 1056 - 120,
      sampled: 8,
      sampledConcluded: 6,
      sampledPositive: 1,
    });
    expect(live.precision.value).toBe(88 / 120);
    expect(live.precision.concluded).toBe(120);
    // scipy.stats.binomtest(88, 120).proportion_ci(method='wilson')
    expect(live.precision.interval?.lower).toBeCloseTo(0.647875606138524, 12);
    expect(live.precision.interval?.upper).toBeCloseTo(0.8043154495327476, 12);
    expect(live.findings).toEqual([
      {
        code: 'LIVE_OVER_CAPACITY',
        path: 'openedPerDay',
        severity: 'warning',
        message:
          'opening 72 cases a day (median of 14 days), 44% over the capacity of 50: the queue grows; a higher threshold sends fewer',
        value: 72,
        threshold: 50,
      },
      {
        code: 'LIVE_ALERTS_ABOVE_EXPECTED',
        path: 'openedPerDay',
        severity: 'warning',
        message:
          'opening 72 cases a day (median of 14 days), 44% more than the 50.0 a day the test evaluation expects at threshold 0.811273: the live population or the daily volume differs from the evaluation (drift)',
        value: 72,
        threshold: 50,
      },
      {
        code: 'LIVE_PRECISION_BELOW_EXPECTED',
        path: 'precision',
        severity: 'warning',
        message:
          'live precision 0.73 (88 laundering of 120 concluded; 95% interval 0.65–0.80) is below the expected 0.91: fewer alerts are laundering than the test evaluation promised',
        value: 88 / 120,
        threshold: 0.9133,
      },
    ]);
  });

  it('counts a day without a case as 0, leaves out a first half day and today, and says when too few are concluded', () => {
    const live = liveAlertBudget({
      promised: { ...promised, alertsPerDay: null },
      days: [
        day('2026-12-10', 5),
        day('2026-12-11', 40, { concluded: 12, positive: 9 }),
        day('2026-12-13', 44),
        day('2026-12-14', 9),
      ],
      from: Date.parse('2026-12-10T15:00:00Z'),
      now: Date.parse('2026-12-14T08:00:00Z'),
    });
    expect(live.days).toEqual([
      day('2026-12-11', 40, { concluded: 12, positive: 9 }),
      day('2026-12-12', 0),
      day('2026-12-13', 44),
    ]);
    expect(live.openedPerDay).toEqual({ median: 40, mean: 28, min: 0, max: 44, lastDay: 44 });
    expect(live.today).toBe(9);
    expect(live.totals.opened).toBe(98);
    expect(live.findings.map((f) => [f.code, f.message])).toEqual([
      [
        'LIVE_UNDER_CAPACITY',
        'opening 40 cases a day (median of 3 days), 20% under the capacity of 50: a lower threshold would use it',
      ],
      [
        'LIVE_PRECISION_TOO_FEW',
        'too few concluded cases to compare precision: 12 concluded (9 laundering) of the 30 needed',
      ],
    ]);
  });

  it('starts at the first day a case was opened when the window began before it', () => {
    const live = liveAlertBudget({
      promised: { ...promised, capacity: null, alertsPerDay: 60 },
      days: [day('2026-12-14', 54, { concluded: 30, positive: 30 }), day('2026-12-15', 55)],
      from: Date.parse('2026-11-18T00:00:00Z'),
      now: Date.parse('2026-12-16T01:00:00Z'),
    });
    expect(live.days.map((d) => d.day)).toEqual(['2026-12-14', '2026-12-15']);
    expect(live.openedPerDay).toEqual({ median: 54.5, mean: 54.5, min: 54, max: 55, lastDay: 55 });
    expect(live.today).toBe(0);
    // 30 of 30 laundering: the interval, 0.886 to 1, holds the promised 0.9133.
    expect(live.findings.map((f) => [f.code, f.severity, f.message])).toEqual([
      [
        'LIVE_ALERTS_AS_EXPECTED',
        'info',
        'opening 54.5 cases a day (median of 2 days), within 20% of the 60.0 a day the test evaluation expects at threshold 0.811273',
      ],
      [
        'LIVE_PRECISION_AS_EXPECTED',
        'info',
        'live precision 1.00 (30 laundering of 30 concluded; 95% interval 0.89–1.00) agrees with the expected 0.91',
      ],
    ]);
  });

  it('says when the live precision is above the promise, and when the cases are within the capacity', () => {
    const live = liveAlertBudget({
      promised: { ...promised, precision: 0.85, alertsPerDay: 20 },
      days: [day('2026-12-14', 52, { concluded: 30, positive: 30 }), day('2026-12-15', 47)],
      from: Date.parse('2026-12-14T00:00:00Z'),
      now: Date.parse('2026-12-16T12:00:00Z'),
    });
    expect(live.findings.map((f) => [f.code, f.message])).toEqual([
      [
        'LIVE_WITHIN_CAPACITY',
        'opening 49.5 cases a day (median of 2 days), within 10% of the capacity of 50',
      ],
      [
        'LIVE_ALERTS_ABOVE_EXPECTED',
        'opening 49.5 cases a day (median of 2 days), 148% more than the 20.0 a day the test evaluation expects at threshold 0.811273: the live population or the daily volume differs from the evaluation (drift)',
      ],
      [
        'LIVE_PRECISION_ABOVE_EXPECTED',
        'live precision 1.00 (30 laundering of 30 concluded; 95% interval 0.89–1.00) is above the expected 0.85',
      ],
    ]);
  });

  it('says when no case was opened, when no complete day was observed yet, and when the version has no threshold', () => {
    const from = Date.parse('2026-12-15T10:00:00Z');
    const now = Date.parse('2026-12-16T09:00:00Z');
    const none = liveAlertBudget({ promised, days: [], from, now });
    expect(none.openedPerDay).toBeNull();
    expect(none.days).toEqual([]);
    expect(none.precision).toEqual({ value: null, interval: null, concluded: 0 });
    expect(none.findings).toEqual([
      {
        code: 'LIVE_NO_CASES',
        path: '',
        severity: 'info',
        message: 'no case opened since 2026-12-15T10:00:00.000Z',
      },
    ]);

    const halfDays = liveAlertBudget({
      promised,
      days: [day('2026-12-15', 7), day('2026-12-16', 3)],
      from,
      now,
    });
    expect(halfDays.openedPerDay).toBeNull();
    expect(halfDays.today).toBe(3);
    expect(halfDays.findings.map((f) => [f.code, f.message])).toEqual([
      [
        'LIVE_NO_FULL_DAY',
        '10 alerted cases opened since 2026-12-15T10:00:00.000Z, none on a complete UTC day yet: the figures per day wait for one',
      ],
      [
        'LIVE_PRECISION_TOO_FEW',
        'too few concluded cases to compare precision: 0 concluded (0 laundering) of the 30 needed',
      ],
    ]);

    const unset = liveAlertBudget({ promised: null, days: [], from, now });
    expect(unset.promised).toBeNull();
    expect(unset.findings.map((f) => f.code)).toEqual(['LIVE_NO_THRESHOLD', 'LIVE_NO_CASES']);
  });
});
