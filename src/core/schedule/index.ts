export { nextCronTime } from './next-cron-time.js';
export { nextScheduleTime } from './next-schedule-time.js';
export { type CronExpression, parseCron } from './parse-cron.js';
export { parseSchedules } from './parse-schedules.js';
export type { PipelineSchedule, ScheduleTiming } from './pipeline-schedule.js';
export { type ScheduleSummary, scheduleSummary } from './schedule-summary.js';
export { ZonedClock } from './zoned-clock.js';
