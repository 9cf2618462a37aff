import { nextCronTime } from './next-cron-time.js';
import type { PipelineSchedule } from './pipeline-schedule.js';

/**
 * The first instant strictly after `after` at which the schedule fires, or undefined for a cron
 * expression that never fires. Intervals are aligned on the epoch, so that a restart keeps the
 * same times (every 3600 s fires on the hour, UTC).
 *
 * @example
 * nextScheduleTime(parseSchedules([{ flow: 'train', intervalSeconds: 60 }])[0], 90_000); // 120_000
 */
export function nextScheduleTime(schedule: PipelineSchedule, after: number): number | undefined {
  const { timing } = schedule;
  if (timing.kind === 'cron') return nextCronTime(timing.cron, timing.clock, after);
  const period = timing.intervalSeconds * 1000;
  return (Math.floor(after / period) + 1) * period;
}
