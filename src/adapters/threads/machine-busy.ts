import { cpus } from 'node:os';

/** CPU time so far, in milliseconds: every core's total and idle time, and this process's own use. */
export interface CpuTimes {
  readonly total: number;
  readonly idle: number;
  readonly ours: number;
}

function cpuTimes(): CpuTimes {
  let total = 0;
  let idle = 0;
  for (const { times } of cpus()) {
    total += times.user + times.nice + times.sys + times.irq + times.idle;
    idle += times.idle;
  }
  const { user, system } = process.cpuUsage();
  return { total, idle, ours: (user + system) / 1000 };
}

/**
 * How busy the machine's cores were between two looks with work other than this process's: the
 * share of their time spent on others (serving workers, a load generator, other tenants), from 0
 * to 1. This process's own work (the audit writer's) is left out, so that writing does not itself
 * make the writer wait.
 *
 * @example
 * const meter = new MachineBusyMeter();
 * await sleep(200);
 * meter.sinceLastLook(); // 0.93
 */
export class MachineBusyMeter {
  #last = cpuTimes();

  sinceLastLook(): number {
    const now = cpuTimes();
    const share = othersShare(this.#last, now);
    this.#last = now;
    return share;
  }
}

/** The share of the cores' time between two readings spent on other processes' work, 0 to 1. */
export function othersShare(before: CpuTimes, after: CpuTimes): number {
  const total = after.total - before.total;
  const busy = total - (after.idle - before.idle) - (after.ours - before.ours);
  return total > 0 ? Math.min(1, Math.max(0, busy / total)) : 0;
}
