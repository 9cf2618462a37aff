import { describe, expect, it } from 'vitest';
import { InProcessQueue } from '../../src/adapters/queue/in-process-queue.js';
import { eventually } from './pipeline-test-kit.js';

describe('the in-process queue', () => {
  it('hands a run queued again while it waits or runs (found Scheduled in the store) to its handler once', async () => {
    const queue = new InProcessQueue();
    const handled: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    await queue.work(
      async (job) => {
        handled.push(job.runId);
        await gate;
      },
      { concurrency: 1 },
    );
    await queue.enqueue({ runId: 'a', flow: 'sum' });
    await queue.enqueue({ runId: 'b', flow: 'sum' });
    await queue.enqueue({ runId: 'a', flow: 'sum' });
    await queue.enqueue({ runId: 'b', flow: 'sum' });
    expect([handled, queue.pending]).toEqual([['a'], 1]);
    release();
    await eventually(async () => handled.length === 2 && queue.pending === 0);
    // Once handled, a run can be queued again (a retry).
    await queue.enqueue({ runId: 'a', flow: 'sum' });
    await eventually(async () => handled.length === 3);
    await queue.stop();
    expect(handled).toEqual(['a', 'b', 'a']);
  });
});
