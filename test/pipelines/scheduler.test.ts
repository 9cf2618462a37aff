import { describe, expect, it } from 'vitest';
import { parseSchedules } from '../../src/core/schedule/index.js';
import { Scheduler } from '../../src/pipelines/scheduler.js';
import { FakeSchedulerClock } from './fake-scheduler-clock.js';

const HOUR = 3_600_000;
const iso = (t: number) => new Date(t).toISOString();

function scheduled(value: unknown, start: string) {
  const clock = new FakeSchedulerClock(Date.parse(start));
  const fired: string[] = [];
  const errors: string[] = [];
  const scheduler = new Scheduler(parseSchedules(value), {
    clock,
    fire: async (schedule, at) => {
      if (schedule.params.fail) throw new Error('queue down');
      fired.push(`${schedule.flow} ${iso(at)} (now ${iso(clock.now())})`);
    },
    onError: (schedule, error) => void errors.push(`${schedule.label}: ${(error as Error).message}`),
  });
  return { clock, fired, errors, scheduler };
}

describe('Scheduler', () => {
  it('fires a cron schedule at its times in its time zone, across the spring change', async () => {
    const { clock, fired, scheduler } = scheduled(
      [{ flow: 'train', cron: '0 3 * * *', timezone: 'Europe/Madrid' }],
      '2026-03-27T12:00:00Z',
    );
    scheduler.start();
    expect(scheduler.upcoming().map((u) => iso(u.at!))).toEqual(['2026-03-28T02:00:00.000Z']);
    await clock.advance(72 * HOUR);
    expect(fired).toEqual([
      'train 2026-03-28T02:00:00.000Z (now 2026-03-28T02:00:00.000Z)', // 03:00 CET
      'train 2026-03-29T01:00:00.000Z (now 2026-03-29T01:00:00.000Z)', // 03:00 CEST
      'train 2026-03-30T01:00:00.000Z (now 2026-03-30T01:00:00.000Z)',
    ]);
  });

  it('fires interval and cron schedules side by side, and reports a failed firing without stopping', async () => {
    const { clock, fired, errors, scheduler } = scheduled(
      [
        { flow: 'score', intervalSeconds: 1800 },
        { flow: 'train', cron: '15 * * * *' },
        { flow: 'broken', intervalSeconds: 3600, params: { fail: true } },
      ],
      '2026-06-01T00:00:00Z',
    );
    scheduler.start();
    await clock.advance(HOUR + 1);
    await scheduler.settled();
    expect(fired).toEqual([
      'train 2026-06-01T00:15:00.000Z (now 2026-06-01T00:15:00.000Z)',
      'score 2026-06-01T00:30:00.000Z (now 2026-06-01T00:30:00.000Z)',
      'score 2026-06-01T01:00:00.000Z (now 2026-06-01T01:00:00.000Z)',
    ]);
    expect(errors).toEqual(['broken@every 3600s: queue down']);
  });

  it('does not catch up on times missed while busy, and stops', async () => {
    const { clock, fired, scheduler } = scheduled(
      [{ flow: 'train', intervalSeconds: 60 }],
      '2026-06-01T00:00:30Z',
    );
    scheduler.start();
    clock.jump(5 * 60_000); // the process was busy from 00:00:30 to 00:05:30
    await clock.advance(30_000);
    expect(fired).toEqual([
      'train 2026-06-01T00:01:00.000Z (now 2026-06-01T00:05:30.000Z)', // late, once
      'train 2026-06-01T00:06:00.000Z (now 2026-06-01T00:06:00.000Z)',
    ]);
    scheduler.stop();
    await clock.advance(10 * 60_000);
    expect(fired).toHaveLength(2);
    expect(clock.armed).toBe(0);
  });

  it('never fires an expression that never matches, and says so', () => {
    const { scheduler } = scheduled([{ flow: 'train', cron: '0 0 30 2 *' }], '2026-06-01T00:00:00Z');
    scheduler.start();
    expect(scheduler.upcoming()[0]!.at).toBeUndefined();
  });
});
