/** Time for the scheduler: injected, so that tests drive it with a fake clock. */
export interface SchedulerClock {
  now(): number;
  /** Calls `fire` after `ms` milliseconds; returns how to cancel it. */
  setTimer(fire: () => void, ms: number): { cancel(): void };
}

/** The real clock: `Date.now` and `setTimeout` (unref'd: a schedule alone keeps no process alive). */
export const systemSchedulerClock: SchedulerClock = {
  now: () => Date.now(),
  setTimer(fire, ms) {
    const timer = setTimeout(fire, ms);
    timer.unref?.();
    return { cancel: () => clearTimeout(timer) };
  },
};
