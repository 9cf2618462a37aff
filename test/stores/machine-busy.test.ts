import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { MachineBusyMeter } from '../../src/adapters/threads/machine-busy.js';

describe('how busy the machine is', () => {
  it('counts a core kept busy by this thread', () => {
    const meter = new MachineBusyMeter();
    const end = Date.now() + 300;
    while (Date.now() < end) {
      // spin: one core busy for 300 ms
    }
    const busy = meter.sinceLastLook();
    // At least this thread's core (a little less: the kernel's accounting is by ticks), at most all of them.
    expect(busy).toBeGreaterThanOrEqual(0.8 / availableParallelism());
    expect(busy).toBeLessThanOrEqual(1);
  });
});
