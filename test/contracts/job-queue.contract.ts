import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JobHandler, JobQueue, PipelineJob } from '../../src/ports/job-queue.js';

/** A queue over an empty backing store, and how to release what the harness holds. */
export interface JobQueueUnderTest {
  readonly queue: JobQueue;
  /**
   * Another queue on the same store, as a second worker process opens it; absent for a queue that
   * lives in one process.
   */
  readonly openAnother?: () => Promise<JobQueue>;
  close(): Promise<void>;
}

/** What the contract needs to know of an adapter. */
export interface JobQueueTraits {
  /** How many more times a job is handed out after its handler rejected or its worker died. */
  readonly retries: number;
  /** How long without a hand-out shows that none is coming (a poll interval or two). */
  readonly quietMs: number;
}

/** Waits until `check` holds (polling), failing after `timeoutMs`. */
async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}

const job = (flow = 'train'): PipelineJob => ({ runId: randomUUID(), flow });

/**
 * A handler that records what it is handed and holds each job until the test releases it (or
 * lets everything through from the start with `open`). `reject(runId, attempt)` decides which
 * hand-outs fail; `hang(runId, attempt)` which ones stay held even after `releaseAll`, as a dead
 * worker's job does, until `releaseHung`.
 */
function recordingHandler(
  options: {
    open?: boolean;
    reject?: (runId: string, attempt: number) => boolean;
    hang?: (runId: string, attempt: number) => boolean;
  } = {},
) {
  const handed: PipelineJob[] = [];
  const ended: string[] = [];
  const held: (() => void)[] = [];
  const hung: (() => void)[] = [];
  let open = options.open ?? false;
  let inFlight = 0;
  let maxInFlight = 0;
  const handler: JobHandler = async (job) => {
    handed.push(job);
    const attempt = handed.filter((j) => j.runId === job.runId).length;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      if (options.hang?.(job.runId, attempt)) await new Promise<void>((resolve) => hung.push(resolve));
      else if (!open) await new Promise<void>((resolve) => held.push(resolve));
      if (options.reject?.(job.runId, attempt)) throw new Error(`job ${job.runId} failed on purpose`);
    } finally {
      inFlight--;
      ended.push(job.runId);
    }
  };
  return {
    handler,
    handed,
    ended,
    ids: () => handed.map((j) => j.runId),
    timesHanded: (runId: string) => handed.filter((j) => j.runId === runId).length,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    releaseAll() {
      open = true;
      for (const release of held.splice(0)) release();
    },
    releaseHung() {
      for (const release of hung.splice(0)) release();
    },
  };
}

/**
 * What every `JobQueue` promises (src/ports/job-queue.ts), run against each adapter on a real
 * store. `open()` gives a queue over an empty store; the tests stop the queues they use.
 *
 * @example
 * runJobQueueContract('in-process', async () => ({ queue: new InProcessQueue(), close: async () => {} }), {
 *   retries: 0,
 *   quietMs: 100,
 * });
 */
export function runJobQueueContract(
  name: string,
  open: () => Promise<JobQueueUnderTest>,
  traits: JobQueueTraits,
): void {
  describe(`JobQueue contract: ${name}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    /** A fresh queue, stopped (after its handlers are let go) and closed when the test ends. */
    async function fresh(...handlers: ReturnType<typeof recordingHandler>[]) {
      const opened = await open();
      cleanups.push(async () => {
        for (const h of handlers) {
          h.releaseAll();
          h.releaseHung();
        }
        await opened.queue.stop();
        await opened.close();
      });
      return opened;
    }

    /** Another queue on the same store, stopped when the test ends. */
    async function another(opened: JobQueueUnderTest, handler?: ReturnType<typeof recordingHandler>) {
      const queue = await opened.openAnother!();
      cleanups.push(async () => {
        handler?.releaseAll();
        handler?.releaseHung();
        await queue.stop();
      });
      return queue;
    }

    it('hands every queued job to the handler with its run id and flow, jobs queued before `work` included', async () => {
      const h = recordingHandler({ open: true });
      const { queue } = await fresh(h);
      const early = job('train');
      const late = job('monitor');
      await queue.enqueue(early);
      await queue.work(h.handler, { concurrency: 1 });
      await queue.enqueue(late);
      await until(() => h.ended.length === 2);
      await sleep(traits.quietMs);
      expect(h.handed).toEqual([early, late]);
    });

    it('with one slot, hands jobs out one at a time, oldest first', async () => {
      const h = recordingHandler({ open: true });
      const { queue } = await fresh(h);
      const jobs = [job(), job(), job()];
      for (const j of jobs) await queue.enqueue(j);
      await queue.work(h.handler, { concurrency: 1 });
      await until(() => h.ended.length === 3);
      expect(h.ids()).toEqual(jobs.map((j) => j.runId));
      expect(h.maxInFlight).toBe(1);
    });

    it('hands out at most `concurrency` jobs at once, and uses every slot', async () => {
      const h = recordingHandler();
      const { queue } = await fresh(h);
      const jobs = [job(), job(), job(), job()];
      for (const j of jobs) await queue.enqueue(j);
      await queue.work(h.handler, { concurrency: 2 });
      await until(() => h.inFlight === 2);
      await sleep(traits.quietMs);
      expect(h.handed).toHaveLength(2);
      h.releaseAll();
      await until(() => h.ended.length === 4);
      expect(h.ids().sort()).toEqual(jobs.map((j) => j.runId).sort());
      expect(h.maxInFlight).toBe(2);
    });

    it('queues a run once while its job waits or is being handled, and again once it was handled (a retry)', async () => {
      const h = recordingHandler();
      const { queue } = await fresh(h);
      await queue.work(h.handler, { concurrency: 1 });
      const a = job();
      const b = job();
      await queue.enqueue(a);
      await until(() => h.inFlight === 1);
      await queue.enqueue(a); // being handled
      await queue.enqueue(b);
      await queue.enqueue(b); // waiting behind a
      await sleep(traits.quietMs);
      expect(h.ids()).toEqual([a.runId]);
      h.releaseAll();
      await until(() => h.ended.length === 2);
      await sleep(traits.quietMs);
      expect(h.ids()).toEqual([a.runId, b.runId]);
      await queue.enqueue(a);
      await until(() => h.ended.length === 3);
      expect(h.ids()).toEqual([a.runId, b.runId, a.runId]);
    });

    it(`hands a job whose handler rejects out again ${traits.retries} more time(s), and goes on with the other jobs`, async () => {
      const failing = job();
      const fine = job();
      const h = recordingHandler({ open: true, reject: (runId) => runId === failing.runId });
      const { queue } = await fresh(h);
      await queue.enqueue(failing);
      await queue.enqueue(fine);
      await queue.work(h.handler, { concurrency: 1 });
      await until(() => h.timesHanded(failing.runId) === 1 + traits.retries && h.ended.includes(fine.runId));
      await sleep(traits.quietMs);
      expect([h.timesHanded(failing.runId), h.timesHanded(fine.runId)]).toEqual([1 + traits.retries, 1]);
      // Its retries spent, the run can be queued again (`amlops pipelines retry --queue`).
      await queue.enqueue(failing);
      await until(() => h.timesHanded(failing.runId) === 2 + traits.retries);
    });

    it('requeue: false for a run the queue does not hold, and for one whose job ended', async () => {
      const h = recordingHandler({ open: true });
      const { queue } = await fresh(h);
      expect(await queue.requeue(randomUUID())).toBe(false);
      const done = job();
      await queue.enqueue(done);
      await queue.work(h.handler, { concurrency: 1 });
      await until(() => h.ended.length === 1);
      expect(await queue.requeue(done.runId)).toBe(false);
      await sleep(traits.quietMs);
      expect(h.ids()).toEqual([done.runId]);
    });

    it('requeue: false for the job of a dead worker whose retries are spent; it is not handed out again', async () => {
      const x = job();
      // Each retry fails; the last hand-out never ends, as the job of a worker that died.
      const h = recordingHandler({
        open: true,
        reject: (_, attempt) => attempt <= traits.retries,
        hang: (_, attempt) => attempt === traits.retries + 1,
      });
      const { queue } = await fresh(h);
      await queue.work(h.handler, { concurrency: 1 });
      await queue.enqueue(x);
      await until(() => h.timesHanded(x.runId) === traits.retries + 1 && h.inFlight === 1);
      expect(await queue.requeue(x.runId)).toBe(false);
      await sleep(traits.quietMs);
      expect(h.timesHanded(x.runId)).toBe(traits.retries + 1);
    });

    it.runIf(traits.retries > 0)(
      'requeue: true for the job of a dead worker with retries left, and the job is handed out again',
      async () => {
        const x = job();
        const h = recordingHandler({ open: true, hang: (_, attempt) => attempt === 1 });
        const { queue } = await fresh(h);
        await queue.work(h.handler, { concurrency: 2 });
        await queue.enqueue(x);
        await until(() => h.inFlight === 1);
        expect(await queue.requeue(x.runId)).toBe(true);
        await until(() => h.ended.includes(x.runId));
        expect(h.timesHanded(x.runId)).toBe(2);
      },
    );

    it('stop waits for the jobs being handled, then hands out no more; so does a second stop', async () => {
      const h = recordingHandler();
      const { queue } = await fresh(h);
      const [a, b] = [job(), job()];
      await queue.enqueue(a);
      await queue.enqueue(b);
      await queue.work(h.handler, { concurrency: 1 });
      await until(() => h.inFlight === 1);
      let stopped = 0;
      const stopping = [queue.stop(), queue.stop()].map((p) =>
        p.then(() => {
          stopped++;
        }),
      );
      await sleep(100);
      expect(stopped).toBe(0);
      h.releaseAll();
      await Promise.all(stopping);
      expect(h.ended).toEqual([a.runId]);
      await queue.stop();
      await sleep(traits.quietMs);
      expect(h.ids()).toEqual([a.runId]);
    });

    it('stop waits for a job however long it takes (no time limit of its own)', async () => {
      const h = recordingHandler();
      const { queue } = await fresh(h);
      await queue.enqueue(job());
      await queue.work(h.handler, { concurrency: 1 });
      await until(() => h.inFlight === 1);
      let stopped = false;
      const stopping = queue.stop().then(() => {
        stopped = true;
      });
      // A training that outlasts any grace period a queue library may apply: only the clock moves.
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 2 * 3_600_000 });
      try {
        await sleep(Math.max(traits.quietMs, 1_200));
        expect(stopped).toBe(false);
      } finally {
        vi.useRealTimers();
        h.releaseAll();
        await stopping;
      }
      expect(h.ended).toHaveLength(1);
    });

    it('a queue that never worked stops at once (a process that only queues runs)', async () => {
      const { queue } = await fresh();
      await queue.enqueue(job());
      const started = Date.now();
      await queue.stop();
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    describe('shared by processes (skipped for a queue that lives in one process)', () => {
      it('jobs queued by one process are handled by the workers of others, each once', async (context) => {
        const producer = await fresh();
        if (!producer.openAnother) return context.skip();
        const h1 = recordingHandler({ open: true });
        const h2 = recordingHandler({ open: true });
        const w1 = await another(producer, h1);
        const w2 = await another(producer, h2);
        await w1.work(h1.handler, { concurrency: 1 });
        await w2.work(h2.handler, { concurrency: 1 });
        const jobs = [job(), job(), job(), job()];
        for (const j of jobs) await producer.queue.enqueue(j);
        await producer.queue.stop();
        await until(() => h1.ended.length + h2.ended.length === jobs.length);
        await sleep(traits.quietMs);
        expect([...h1.ids(), ...h2.ids()].sort()).toEqual(jobs.map((j) => j.runId).sort());
      });

      it('after a worker stops, its waiting jobs go to the workers of others, and its handled ones can be queued again', async (context) => {
        const stopping = await fresh();
        if (!stopping.openAnother) return context.skip();
        const h1 = recordingHandler();
        const h2 = recordingHandler({ open: true });
        const [a, b] = [job(), job()];
        await stopping.queue.enqueue(a);
        await stopping.queue.enqueue(b);
        await stopping.queue.work(h1.handler, { concurrency: 1 });
        await until(() => h1.inFlight === 1);
        const stopped = stopping.queue.stop();
        h1.releaseAll();
        await stopped;
        const other = await another(stopping, h2);
        await other.work(h2.handler, { concurrency: 1 });
        await until(() => h2.ended.includes(b.runId));
        await other.enqueue(a);
        await until(() => h2.ended.includes(a.runId));
        expect([h1.ids(), h2.ids()]).toEqual([[a.runId], [b.runId, a.runId]]);
      });

      it('requeue in one process hands the job of a worker that died in another to a live worker', async (context) => {
        const dead = await fresh();
        if (!dead.openAnother) return context.skip();
        const x = job();
        const hDead = recordingHandler({ open: true, hang: () => true });
        const hLive = recordingHandler({ open: true });
        await dead.queue.work(hDead.handler, { concurrency: 1 });
        cleanups.push(async () => hDead.releaseHung());
        await dead.queue.enqueue(x);
        await until(() => hDead.inFlight === 1);
        const live = await another(dead, hLive);
        await live.work(hLive.handler, { concurrency: 1 });
        expect(await live.requeue(x.runId)).toBe(true);
        await until(() => hLive.ended.includes(x.runId));
        expect([hDead.ids(), hLive.ids()]).toEqual([[x.runId], [x.runId]]);
      });
    });
  });
}
