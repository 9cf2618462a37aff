import { nextScheduleTime, type PipelineSchedule } from '../core/schedule/index.js';
import type { SchedulerClock } from './scheduler-clock.js';

/** Longest single wait: timers are re-armed at least this often (setTimeout caps at ~24.8 days). */
const MAX_WAIT_MS = 3_600_000;

/**
 * Fires pipeline schedules (cron with time zone, or interval) at their times. Each schedule's next
 * time is computed after the previous firing; times missed while the process was down or busy
 * are not caught up, the next one is awaited (as cron does).
 *
 * @example
 * const scheduler = new Scheduler(parseSchedules(config['pipelines.schedules']), {
 *   clock: systemSchedulerClock,
 *   fire: (schedule, at) => startPipelineRun(deps, schedule.flow, schedule.params, { queue: true }).then(() => {}),
 *   onError: (schedule, error) => log.error(error),
 * });
 * scheduler.start();
 */
export class Scheduler {
  readonly #schedules: readonly PipelineSchedule[];
  readonly #clock: SchedulerClock;
  readonly #fire: (schedule: PipelineSchedule, dueAt: number) => Promise<void>;
  readonly #onError: (schedule: PipelineSchedule, error: unknown) => void;
  readonly #next = new Map<PipelineSchedule, number>();
  #timer: { cancel(): void } | undefined;
  #running = false;
  #ticking: Promise<void> = Promise.resolve();

  constructor(
    schedules: readonly PipelineSchedule[],
    options: {
      clock: SchedulerClock;
      fire: (schedule: PipelineSchedule, dueAt: number) => Promise<void>;
      onError?: (schedule: PipelineSchedule, error: unknown) => void;
    },
  ) {
    this.#schedules = schedules;
    this.#clock = options.clock;
    this.#fire = options.fire;
    this.#onError = options.onError ?? (() => {});
  }

  /** Computes each schedule's next time from now and waits for the first. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    const now = this.#clock.now();
    for (const schedule of this.#schedules) this.#plan(schedule, now);
    this.#arm();
  }

  stop(): void {
    this.#running = false;
    this.#timer?.cancel();
    this.#timer = undefined;
  }

  /** When each schedule fires next (undefined: never), for `amlops up` to print. */
  upcoming(): { schedule: PipelineSchedule; at: number | undefined }[] {
    return this.#schedules.map((schedule) => ({ schedule, at: this.#next.get(schedule) }));
  }

  /** Resolves once the firings due so far have been handed to `fire` (for tests). */
  settled(): Promise<void> {
    return this.#ticking;
  }

  #plan(schedule: PipelineSchedule, after: number): void {
    const at = nextScheduleTime(schedule, after);
    if (at === undefined) this.#next.delete(schedule);
    else this.#next.set(schedule, at);
  }

  #arm(): void {
    this.#timer?.cancel();
    if (!this.#running || this.#next.size === 0) return;
    const first = Math.min(...this.#next.values());
    const wait = Math.min(Math.max(first - this.#clock.now(), 0), MAX_WAIT_MS);
    this.#timer = this.#clock.setTimer(() => {
      this.#ticking = this.#tick();
    }, wait);
  }

  async #tick(): Promise<void> {
    const now = this.#clock.now();
    const due = [...this.#next].filter(([, at]) => at <= now);
    for (const [schedule] of due) this.#plan(schedule, now);
    this.#arm();
    await Promise.all(
      due.map(async ([schedule, at]) => {
        try {
          await this.#fire(schedule, at);
        } catch (error) {
          this.#onError(schedule, error);
        }
      }),
    );
  }
}
