import type { Config } from '../config/index.js';
import { type PipelineSchedule, parseSchedules } from '../core/schedule/index.js';
import type { FlowRegistry } from './flow-registry.js';

/** The settings the schedules of a deployment come from. */
export type ScheduleConfig = Pick<Config, 'pipelines.schedules'> &
  Partial<Pick<Config, 'monitoring.intervalMinutes'>>;

/**
 * The schedules `amlops up` keeps: `pipelines.schedules`, and the `monitor` flow every
 * `monitoring.intervalMinutes` (when `flows` has that flow) unless it is 0 or a schedule of the
 * monitor flow is configured already.
 *
 * @example
 * configuredSchedules(config, flows).map((s) => s.label); // ['train@0 3 * * * (UTC)', 'monitor@every 900s']
 */
export function configuredSchedules(config: ScheduleConfig, flows: FlowRegistry): PipelineSchedule[] {
  const schedules = parseSchedules(config['pipelines.schedules']);
  const minutes = config['monitoring.intervalMinutes'] ?? 0;
  const knowsMonitor = flows.names().includes('monitor');
  if (minutes > 0 && knowsMonitor && !schedules.some((s) => s.flow === 'monitor'))
    schedules.push({
      label: `monitor@every ${minutes * 60}s`,
      flow: 'monitor',
      params: {},
      timing: { kind: 'interval', intervalSeconds: minutes * 60 },
    });
  return schedules;
}
