import type { CronExpression } from './parse-cron.js';
import type { ZonedClock } from './zoned-clock.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Far enough for any satisfiable expression (29 February on a given weekday recurs within 28 years). */
const HORIZON_MS = 30 * 366 * DAY_MS;

function dayMatches(cron: CronExpression, date: Date): boolean {
  const dom = cron.daysOfMonth.has(date.getUTCDate());
  const dow = cron.daysOfWeek.has(date.getUTCDay());
  if (cron.anyDayOfMonth) return dow;
  if (cron.anyDayOfWeek) return dom;
  return dom || dow;
}

/**
 * The first instant strictly after `after` (milliseconds since the epoch) at which `cron` fires in
 * the clock's time zone, or undefined when it never does (`0 0 30 2 *`). Walks wall time month,
 * day, hour and minute at a time. Across a daylight-saving change a time in the skipped hour fires
 * once, an hour later on the wall; a time in the repeated hour fires once, at its first occurrence.
 *
 * @example
 * nextCronTime(parseCron('0 3 * * *'), new ZonedClock('Europe/Madrid'), Date.UTC(2026, 6, 1));
 * // Date.UTC(2026, 6, 1, 1, 0): 03:00 in Madrid (UTC+2 in summer)
 */
export function nextCronTime(cron: CronExpression, clock: ZonedClock, after: number): number | undefined {
  const startWall = clock.wallOf(after);
  let wall = Math.floor(startWall / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  // Wall time may lag `after` by the length of a repeated hour; start an hour early and let the
  // "strictly after" test below skip what is not.
  wall -= HOUR_MS;
  const end = wall + HORIZON_MS;
  while (wall < end) {
    const date = new Date(wall);
    if (!cron.months.has(date.getUTCMonth() + 1)) {
      wall = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
      continue;
    }
    if (!dayMatches(cron, date)) {
      wall = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
      continue;
    }
    if (!cron.hours.has(date.getUTCHours())) {
      wall = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours() + 1);
      continue;
    }
    if (!cron.minutes.has(date.getUTCMinutes())) {
      wall += MINUTE_MS;
      continue;
    }
    const instant = clock.instantsOf(wall).find((t) => t > after);
    if (instant !== undefined && isFirstOccurrence(clock, wall, instant)) return instant;
    wall += MINUTE_MS;
  }
  return undefined;
}

/** In the repeated hour, only the first of the two instants showing `wall` counts. */
function isFirstOccurrence(clock: ZonedClock, wall: number, instant: number): boolean {
  return clock.instantsOf(wall)[0] === instant;
}
