import { nextScheduleTime } from './next-schedule-time.js';
import type { PipelineSchedule } from './pipeline-schedule.js';

/** A schedule as JSON: its flow, parameters, timing and next firing. */
export interface ScheduleSummary {
  readonly label: string;
  readonly flow: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** The cron expression, or null for an interval. */
  readonly cron: string | null;
  /** The IANA time zone of the cron expression, or null for an interval. */
  readonly timezone: string | null;
  /** The interval in seconds, or null for a cron expression. */
  readonly intervalSeconds: number | null;
  /** When it fires next after `now`, in ms since the epoch; null for a cron expression that never fires. */
  readonly nextAt: number | null;
}

/**
 * A schedule and its next firing after `now`, as amlops' API shows it.
 *
 * @example
 * scheduleSummary(parseSchedules([{ flow: 'train', intervalSeconds: 60 }])[0], 90_000).nextAt; // 120_000
 */
export function scheduleSummary(schedule: PipelineSchedule, now: number): ScheduleSummary {
  const { timing } = schedule;
  return {
    label: schedule.label,
    flow: schedule.flow,
    params: schedule.params,
    cron: timing.kind === 'cron' ? timing.cron.source : null,
    timezone: timing.kind === 'cron' ? timing.clock.timeZone : null,
    intervalSeconds: timing.kind === 'interval' ? timing.intervalSeconds : null,
    nextAt: nextScheduleTime(schedule, now) ?? null,
  };
}
