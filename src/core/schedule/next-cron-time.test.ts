import { describe, expect, it } from 'vitest';
import { nextCronTime } from './next-cron-time.js';
import { parseCron } from './parse-cron.js';
import { ZonedClock } from './zoned-clock.js';

const utc = new ZonedClock('UTC');
const madrid = new ZonedClock('Europe/Madrid');
const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());
const next = (expr: string, clock: ZonedClock, after: string) =>
  iso(nextCronTime(parseCron(expr), clock, Date.parse(after)));

/** The successive firing times after `after`. */
function series(expr: string, clock: ZonedClock, after: string, n: number): string[] {
  const out: string[] = [];
  let t = Date.parse(after);
  for (let i = 0; i < n; i++) {
    t = nextCronTime(parseCron(expr), clock, t)!;
    out.push(new Date(t).toISOString());
  }
  return out;
}

describe('nextCronTime', () => {
  it('fires strictly after the given instant', () => {
    expect(next('0 3 * * *', utc, '2026-07-01T02:59:59.999Z')).toBe('2026-07-01T03:00:00.000Z');
    expect(next('0 3 * * *', utc, '2026-07-01T03:00:00.000Z')).toBe('2026-07-02T03:00:00.000Z');
    expect(series('*/20 * * * *', utc, '2026-07-01T10:05:00Z', 4)).toEqual([
      '2026-07-01T10:20:00.000Z',
      '2026-07-01T10:40:00.000Z',
      '2026-07-01T11:00:00.000Z',
      '2026-07-01T11:20:00.000Z',
    ]);
  });

  it('reads the hour in the time zone, winter and summer', () => {
    expect(next('0 3 * * *', madrid, '2026-01-15T00:00:00Z')).toBe('2026-01-15T02:00:00.000Z');
    expect(next('0 3 * * *', madrid, '2026-07-15T00:00:00Z')).toBe('2026-07-15T01:00:00.000Z');
    expect(next('0 9 * * *', new ZonedClock('America/New_York'), '2026-07-15T00:00:00Z')).toBe(
      '2026-07-15T13:00:00.000Z',
    );
  });

  it('runs a time skipped by the spring change an hour later on the wall, once', () => {
    // Madrid, 29 March 2026: 02:00 CET becomes 03:00 CEST (01:00 UTC); 02:30 does not exist.
    expect(series('30 2 * * *', madrid, '2026-03-28T12:00:00Z', 3)).toEqual([
      '2026-03-29T01:30:00.000Z', // shown as 03:30 CEST
      '2026-03-30T00:30:00.000Z',
      '2026-03-31T00:30:00.000Z',
    ]);
  });

  it('runs a time repeated by the autumn change once, at its first occurrence', () => {
    // Madrid, 25 October 2026: 03:00 CEST becomes 02:00 CET (01:00 UTC); 02:30 happens twice.
    expect(series('30 2 * * *', madrid, '2026-10-24T12:00:00Z', 2)).toEqual([
      '2026-10-25T00:30:00.000Z', // 02:30 CEST, not 02:30 CET an hour later
      '2026-10-26T01:30:00.000Z',
    ]);
    expect(series('0 * * * *', madrid, '2026-10-24T23:30:00Z', 4)).toEqual([
      '2026-10-25T00:00:00.000Z', // 02:00 CEST
      '2026-10-25T02:00:00.000Z', // 03:00 CET; the second 02:00 is not fired again
      '2026-10-25T03:00:00.000Z',
      '2026-10-25T04:00:00.000Z',
    ]);
  });

  it('matches either day field when both are restricted, as cron does', () => {
    // The 13th, or any Friday: Wed 2026-05-13, then Fri 15, Fri 22.
    expect(series('0 0 13 * FRI', utc, '2026-05-10T00:00:00Z', 3)).toEqual([
      '2026-05-13T00:00:00.000Z',
      '2026-05-15T00:00:00.000Z',
      '2026-05-22T00:00:00.000Z',
    ]);
    expect(next('0 12 * * MON-FRI', utc, '2026-05-16T00:00:00Z')).toBe('2026-05-18T12:00:00.000Z');
  });

  it('finds rare dates and gives up on impossible ones', () => {
    expect(next('0 0 29 2 *', utc, '2026-03-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
    expect(next('@monthly', utc, '2026-12-15T00:00:00Z')).toBe('2027-01-01T00:00:00.000Z');
    expect(next('0 0 30 2 *', utc, '2026-03-01T00:00:00Z')).toBeUndefined();
  });
});

describe('parseCron', () => {
  it('reads lists, ranges, steps, names and Sunday as 7', () => {
    const cron = parseCron('5,10-12 */6 1-31/15 JAN,jul sun,7');
    expect([...cron.minutes]).toEqual([5, 10, 11, 12]);
    expect([...cron.hours]).toEqual([0, 6, 12, 18]);
    expect([...cron.daysOfMonth]).toEqual([1, 16, 31]);
    expect([...cron.months]).toEqual([1, 7]);
    expect([...cron.daysOfWeek]).toEqual([0]);
  });

  it.each([
    ['0 3 * *', 'expected 5 fields'],
    ['60 3 * * *', 'minute 60 is outside 0-59'],
    ['0 3 * * MOO', "day of week 'MOO' is not a number"],
    ['0 5-2 * * *', "range '5-2' runs backwards"],
    ['*/0 * * * *', "step '0' is not a positive integer"],
    ['0 3 ,1 * *', 'is malformed'],
  ])('refuses %s', (expr, message) => {
    expect(() => parseCron(expr)).toThrow(message);
  });
});
