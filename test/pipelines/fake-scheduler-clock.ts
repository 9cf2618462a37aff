import type { SchedulerClock } from '../../src/pipelines/scheduler-clock.js';

/**
 * A clock whose time moves only when the test says so; `advance` fires the timers that fall due.
 *
 * @example
 * const clock = new FakeSchedulerClock(Date.parse('2026-03-28T00:00:00Z'));
 * await clock.advance(3_600_000);
 */
export class FakeSchedulerClock implements SchedulerClock {
  #now: number;
  #timers: { at: number; fire: () => void; cancelled: boolean }[] = [];

  constructor(start: number) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimer(fire: () => void, ms: number): { cancel(): void } {
    const timer = { at: this.#now + ms, fire, cancelled: false };
    this.#timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  /** Moves time forward by `ms`, firing each due timer at its own time, in order. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    for (;;) {
      const due = this.#timers.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      due.cancelled = true;
      this.#now = Math.max(this.#now, due.at);
      due.fire();
      await new Promise((r) => setImmediate(r));
    }
    this.#now = end;
  }

  /** Moves time forward without firing anything, as a process too busy to run its timers. */
  jump(ms: number): void {
    this.#now += ms;
  }

  /** Timers still waiting. */
  get armed(): number {
    return this.#timers.filter((t) => !t.cancelled).length;
  }
}
