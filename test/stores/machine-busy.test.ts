import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { MachineBusyMeter, othersShare } from '../../src/adapters/threads/machine-busy.js';

describe('how busy the machine is with work of others', () => {
  it('counts a core kept busy by another process', async () => {
    const other = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200)); // started and spinning
      const meter = new MachineBusyMeter();
      await new Promise((resolve) => setTimeout(resolve, 400));
      // At least its core (a little less: the kernel's accounting is by ticks), at most all of them.
      const busy = meter.sinceLastLook();
      expect(busy).toBeGreaterThanOrEqual(0.8 / availableParallelism());
      expect(busy).toBeLessThanOrEqual(1);
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('leaves out the work of this process', () => {
    const before = { total: 10_000, idle: 6_000, ours: 1_000 };
    // 2 cores for 1 s: 2000 ms, 500 of them idle, 1000 this process's own.
    expect(othersShare(before, { total: 12_000, idle: 6_500, ours: 2_000 })).toBe(0.25);
    expect(othersShare(before, { total: 12_000, idle: 6_500, ours: 1_000 })).toBe(0.75);
    expect(othersShare(before, before)).toBe(0);
  });
});
