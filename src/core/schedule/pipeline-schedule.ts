import type { CronExpression } from './parse-cron.js';
import type { ZonedClock } from './zoned-clock.js';

/** When a schedule fires: a cron expression in a time zone, or every so many seconds. */
export type ScheduleTiming =
  | { readonly kind: 'cron'; readonly cron: CronExpression; readonly clock: ZonedClock }
  | { readonly kind: 'interval'; readonly intervalSeconds: number };

/** One entry of the `pipelines.schedules` setting: which flow to run, with which parameters, when. */
export interface PipelineSchedule {
  /** `flow@cron expression (zone)` or `flow@every Ns`, for logs and run parameters. */
  readonly label: string;
  readonly flow: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly timing: ScheduleTiming;
}
