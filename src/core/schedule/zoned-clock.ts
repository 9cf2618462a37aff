import { AmlopsError } from '../errors/index.js';

const HOUR_MS = 3_600_000;

/**
 * Wall-clock time in one IANA time zone, through `Intl.DateTimeFormat` (no time-zone data of our
 * own). A wall time is written as the milliseconds of that date and time read as if it were UTC,
 * so that calendar arithmetic on it is plain `Date.UTC` arithmetic.
 *
 * @example
 * const madrid = new ZonedClock('Europe/Madrid');
 * madrid.wallOf(Date.UTC(2026, 0, 15, 2, 0)); // Date.UTC(2026, 0, 15, 3, 0): 03:00 local (UTC+1)
 */
export class ZonedClock {
  readonly timeZone: string;
  readonly #format: Intl.DateTimeFormat;

  /** Throws SCHEDULE_INVALID for a zone the runtime does not know. */
  constructor(timeZone: string) {
    try {
      this.#format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new AmlopsError(
        'SCHEDULE_INVALID',
        `unknown time zone '${timeZone}' (use an IANA name such as 'Europe/Madrid' or 'UTC')`,
      );
    }
    this.timeZone = this.#format.resolvedOptions().timeZone;
  }

  /** The wall time (as UTC milliseconds) shown in this zone at `instant`; seconds and below are kept. */
  wallOf(instant: number): number {
    const parts: Record<string, number> = {};
    for (const p of this.#format.formatToParts(instant))
      if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const wholeSecond = Date.UTC(
      parts.year!,
      parts.month! - 1,
      parts.day!,
      parts.hour!,
      parts.minute!,
      parts.second!,
    );
    return wholeSecond + (((instant % 1000) + 1000) % 1000);
  }

  /**
   * The instants at which this zone shows `wall`, earliest first: one normally, two in the hour
   * repeated when clocks go back, and in the hour skipped when clocks go forward the instant
   * `wall` would be had the change not happened (so 02:30 on that day runs at 03:30 local).
   */
  instantsOf(wall: number): number[] {
    const offsets = new Set([
      this.wallOf(wall - 24 * HOUR_MS) - (wall - 24 * HOUR_MS),
      this.wallOf(wall + 24 * HOUR_MS) - (wall + 24 * HOUR_MS),
    ]);
    const found = [...offsets].map((o) => wall - o).filter((t) => this.wallOf(t) === wall);
    if (found.length > 0) return [...new Set(found)].sort((a, b) => a - b);
    const before = this.wallOf(wall - 24 * HOUR_MS) - (wall - 24 * HOUR_MS);
    return [wall - before];
  }
}
