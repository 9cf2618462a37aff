import { describe, expect, it } from 'vitest';
import { nextScheduleTime } from './next-schedule-time.js';
import { parseSchedules } from './parse-schedules.js';

describe('parseSchedules', () => {
  it('reads cron schedules with a zone and interval schedules, with their parameters', () => {
    const [nightly, often] = parseSchedules([
      { flow: 'train', cron: '0 3 * * *', timezone: 'Europe/Madrid', params: { preset: 'original' } },
      { flow: 'score', intervalSeconds: 900 },
    ]);
    expect(nightly).toMatchObject({
      flow: 'train',
      label: 'train@0 3 * * * (Europe/Madrid)',
      params: { preset: 'original' },
    });
    expect(often).toMatchObject({ flow: 'score', label: 'score@every 900s', params: {} });
    expect(nextScheduleTime(nightly!, Date.parse('2026-01-15T00:00:00Z'))).toBe(
      Date.parse('2026-01-15T02:00:00Z'),
    );
    expect(nextScheduleTime(often!, Date.parse('2026-01-15T00:07:00Z'))).toBe(
      Date.parse('2026-01-15T00:15:00Z'),
    );
    expect(nextScheduleTime(often!, Date.parse('2026-01-15T00:15:00Z'))).toBe(
      Date.parse('2026-01-15T00:30:00Z'),
    );
  });

  it.each([
    [{}, 'not a list', 'expected a JSON list'],
    [
      [{ flow: 'train', cron: '0 25 * * *' }],
      'a bad hour',
      "schedule [0]: invalid cron expression '0 25 * * *': hour 25 is outside 0-23",
    ],
    [
      [{ flow: 'train', cron: '0 3 * * *', timezone: 'Europe/Atlantis' }],
      'an unknown zone',
      "schedule [0]: unknown time zone 'Europe/Atlantis'",
    ],
    [[{ flow: 'train' }], 'no timing', 'give exactly one of "cron" and "intervalSeconds"'],
    [[{ flow: 'train', cron: '0 3 * * *', intervalSeconds: 60 }], 'two timings', 'give exactly one of'],
    [
      [{ flow: 'train', intervalSeconds: 0.5 }],
      'a fractional interval',
      '"intervalSeconds" must be a positive integer',
    ],
    [
      [{ flow: 'train', intervalSeconds: 60, timezone: 'UTC' }],
      'a zone on an interval',
      '"timezone" applies to "cron" only',
    ],
    [[{ flow: '', cron: '@daily' }], 'no flow', '"flow" must name a flow'],
    [[{ flow: 'train', cron: '@daily', params: [1] }], 'list params', '"params" must be a JSON object'],
    [[{ flow: 'train', cron: '@daily', when: 'now' }], 'an unknown key', 'unknown key "when"'],
  ])('refuses %j (%s)', (value, _why, message) => {
    expect(() => parseSchedules(value)).toThrow(message);
  });
});
