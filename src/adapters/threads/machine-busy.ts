import { cpus } from 'node:os';

/** CPU time of every core so far: total and idle, in milliseconds. */
function cpuTimes(): { total: number; idle: number } {
  let total = 0;
  let idle = 0;
  for (const { times } of cpus()) {
    total += times.user + times.nice + times.sys + times.irq + times.idle;
    idle += times.idle;
  }
  return { total, idle };
}

/**
 * How busy the machine's cores were between two looks: the share of their time not idle, from 0
 * to 1, whoever used it (this server, a load generator, other tenants).
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
    const total = now.total - this.#last.total;
    const idle = now.idle - this.#last.idle;
    this.#last = now;
    return total > 0 ? Math.min(1, Math.max(0, 1 - idle / total)) : 0;
  }
}
