const DAY_MS = 86_400_000;

/**
 * ISO dates (`YYYY-MM-DD`) of `days` consecutive days from `start`, computed from the calendar
 * alone (no clock), so that a row's date is one lookup.
 *
 * @example
 * alertDates('2025-01-01', 2); // ['2025-01-01', '2025-01-02']
 */
export function alertDates(start: string, days: number): string[] {
  const first = Date.parse(`${start}T00:00:00Z`);
  const dates = new Array<string>(days);
  for (let d = 0; d < days; d++) dates[d] = new Date(first + d * DAY_MS).toISOString().slice(0, 10);
  return dates;
}
