import { AmlopsError } from '../errors/index.js';
import { parseCron } from './parse-cron.js';
import type { PipelineSchedule } from './pipeline-schedule.js';
import { ZonedClock } from './zoned-clock.js';

const KEYS = new Set(['flow', 'cron', 'timezone', 'intervalSeconds', 'params']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseOne(entry: unknown, at: string): PipelineSchedule {
  const fail = (why: string): never => {
    throw new AmlopsError('SCHEDULE_INVALID', `${at}: ${why}`);
  };
  if (!isObject(entry)) return fail('expected an object such as {"flow": "train", "cron": "0 3 * * *"}');
  for (const key of Object.keys(entry))
    if (!KEYS.has(key)) fail(`unknown key "${key}" (allowed: ${[...KEYS].join(', ')})`);
  const { flow, cron, timezone, intervalSeconds, params = {} } = entry;
  if (typeof flow !== 'string' || flow === '') fail('"flow" must name a flow');
  if (!isObject(params)) fail('"params" must be a JSON object');
  if ((cron === undefined) === (intervalSeconds === undefined))
    fail('give exactly one of "cron" and "intervalSeconds"');
  if (cron !== undefined) {
    if (typeof cron !== 'string') fail('"cron" must be a string');
    if (timezone !== undefined && typeof timezone !== 'string') fail('"timezone" must be a string');
    const zone = (timezone as string | undefined) ?? 'UTC';
    try {
      const expression = parseCron(cron as string);
      const clock = new ZonedClock(zone);
      return {
        label: `${flow}@${expression.source} (${clock.timeZone})`,
        flow: flow as string,
        params: params as Record<string, unknown>,
        timing: { kind: 'cron', cron: expression, clock },
      };
    } catch (error) {
      return fail((error as Error).message);
    }
  }
  if (timezone !== undefined) fail('"timezone" applies to "cron" only');
  if (typeof intervalSeconds !== 'number' || !Number.isInteger(intervalSeconds) || intervalSeconds < 1)
    fail('"intervalSeconds" must be a positive integer');
  return {
    label: `${flow}@every ${intervalSeconds}s`,
    flow: flow as string,
    params: params as Record<string, unknown>,
    timing: { kind: 'interval', intervalSeconds: intervalSeconds as number },
  };
}

/**
 * Validates the `pipelines.schedules` setting: a list of `{flow, cron, timezone?, params?}` or
 * `{flow, intervalSeconds, params?}`. Throws SCHEDULE_INVALID naming the entry and what is wrong
 * (a bad cron field, an unknown time zone, a missing timing).
 *
 * @example
 * const [nightly] = parseSchedules([{ flow: 'train', cron: '0 3 * * *', timezone: 'Europe/Madrid' }]);
 * nightly.label; // 'train@0 3 * * * (Europe/Madrid)'
 */
export function parseSchedules(value: unknown): PipelineSchedule[] {
  if (!Array.isArray(value)) throw new AmlopsError('SCHEDULE_INVALID', 'expected a JSON list of schedules');
  return value.map((entry, i) => parseOne(entry, `schedule [${i}]`));
}
