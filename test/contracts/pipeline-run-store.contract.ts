import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineRunStore } from '../../src/ports/pipeline-run-store.js';
import { codeOf } from './expect-code.js';

const T0 = 1_764_255_600_000;

/**
 * The behaviour every PipelineRunStore must have, run against each adapter on a real database.
 * `makeAdapter(now)` returns a store over an empty, migrated database that reads time from `now`.
 */
export function runPipelineRunStoreContract(
  name: string,
  makeAdapter: (now: () => number) => Promise<{ store: PipelineRunStore; close(): Promise<void> }>,
): void {
  describe(`PipelineRunStore contract: ${name}`, () => {
    let store: PipelineRunStore;
    let close: () => Promise<void>;
    let clock = T0;
    const tick = (ms = 1000) => {
      clock += ms;
      return clock;
    };
    let n = 0;
    const flowName = (label: string) => `${label}-${++n}`;

    beforeAll(async () => {
      ({ store, close } = await makeAdapter(() => clock));
    });
    afterAll(async () => {
      await close?.();
    });

    it('creates a run with its parameters and finds it by id', async () => {
      const run = await store.createRun({ flow: 'train', params: { preset: 'original', seed: 7 } });
      expect(run).toMatchObject({
        flow: 'train',
        params: { preset: 'original', seed: 7 },
        state: 'Pending',
        createdAt: clock,
        startedAt: null,
        endedAt: null,
        error: null,
        worker: null,
        attempt: 0,
        cancelRequested: false,
      });
      expect(run.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await store.getRun(run.id)).toEqual(run);
      expect(await codeOf(store.getRun('00000000-0000-0000-0000-000000000000'))).toBe('NOT_FOUND');
      expect((await store.createRun({ flow: 'train', state: 'Scheduled' })).state).toBe('Scheduled');
    });

    it('lists runs newest first, by flow and state, page by page', async () => {
      const flow = flowName('list');
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        tick();
        ids.push((await store.createRun({ flow, state: i % 2 ? 'Scheduled' : 'Pending' })).id);
      }
      const first = await store.listRuns({ flow, maxResults: 3 });
      expect(first.items.map((r) => r.id)).toEqual([ids[4], ids[3], ids[2]]);
      const second = await store.listRuns({ flow, maxResults: 3, pageToken: first.nextPageToken! });
      expect(second.items.map((r) => r.id)).toEqual([ids[1], ids[0]]);
      expect(second.nextPageToken).toBeUndefined();
      const scheduled = await store.listRuns({ flow, states: ['Scheduled'] });
      expect(scheduled.items.map((r) => r.id)).toEqual([ids[3], ids[1]]);
      expect(await codeOf(store.listRuns({ maxResults: 0 }))).toBe('USAGE');
    });

    it('lists runs created in the same millisecond newest first too', async () => {
      const flow = flowName('same-ms');
      tick();
      const ids: string[] = [];
      for (let i = 0; i < 8; i++) ids.push((await store.createRun({ flow })).id);
      expect((await store.listRuns({ flow })).items.map((r) => r.id)).toEqual([...ids].reverse());
    });

    it('gives a run to one worker at a time and records its life', async () => {
      const { id } = await store.createRun({ flow: 'train' });
      const claimed = await store.claimRun(id, 'host-a:1', clock - 30_000);
      expect(claimed).toMatchObject({ state: 'Pending', worker: 'host-a:1', attempt: 1, heartbeatAt: clock });
      expect(await store.claimRun(id, 'host-b:2', clock - 30_000)).toBeNull();
      const startedAt = tick();
      await store.setRunState(id, { attempt: 1 }, 'Running');
      tick();
      await store.setRunState(id, { attempt: 1 }, 'Running');
      expect(await store.getRun(id)).toMatchObject({ state: 'Running', startedAt, endedAt: null });
      const endedAt = tick();
      await store.setRunState(id, { attempt: 1 }, 'Failed', {
        error: { code: 'DATA_INVALID', message: 'no positive case' },
        failedStep: 'validate',
      });
      expect(await store.getRun(id)).toMatchObject({
        state: 'Failed',
        startedAt,
        endedAt,
        error: { code: 'DATA_INVALID', message: 'no positive case' },
        failedStep: 'validate',
      });
      expect(await store.claimRun(id, 'host-b:2', clock + 1)).toBeNull();
      await store.setRunState(id, { attempt: 1 }, 'Running');
      expect((await store.getRun(id)).state).toBe('Failed');
    });

    it('keeps one row per step, in the order steps first ran, with JSON outputs', async () => {
      const { id } = await store.createRun({ flow: 'train' });
      await store.claimRun(id, 'w', clock);
      const fence = { attempt: 1 };
      await store.recordStep(id, fence, { name: 'load', state: 'Running', attempt: 1, startedAt: clock });
      await store.recordStep(id, fence, {
        name: 'load',
        state: 'Completed',
        attempt: 1,
        startedAt: clock,
        endedAt: clock + 5,
        output: { rows: 3, columns: ['a', 'b'], nested: { ok: true } },
      });
      await store.recordStep(id, fence, { name: 'noop', state: 'Completed', attempt: 1, output: null });
      await store.recordStep(id, fence, {
        name: 'fit',
        state: 'Retrying',
        attempt: 2,
        error: { code: 'INTERNAL', message: 'connection reset' },
      });
      const steps = await store.listSteps(id);
      expect(steps.map((s) => [s.name, s.state, s.attempt])).toEqual([
        ['load', 'Completed', 1],
        ['noop', 'Completed', 1],
        ['fit', 'Retrying', 2],
      ]);
      expect(steps[0]).toMatchObject({
        startedAt: clock,
        endedAt: clock + 5,
        output: { rows: 3, nested: { ok: true } },
      });
      expect(steps[1]!.output).toBeNull();
      expect('output' in steps[2]!).toBe(false);
      expect(steps[2]!.error).toEqual({ code: 'INTERNAL', message: 'connection reset' });
      expect(await codeOf(store.listSteps('00000000-0000-0000-0000-000000000000'))).toBe('NOT_FOUND');
    });

    it('keeps log lines in order, with their fields, and pages them by sequence', async () => {
      const { id } = await store.createRun({ flow: 'train' });
      for (let i = 1; i <= 4; i++)
        await store.appendLog(id, {
          time: clock + i,
          step: i < 3 ? 'load' : 'fit',
          level: i === 4 ? 'error' : 'info',
          message: `line ${i}`,
          ...(i === 2 ? { fields: { rows: 10 } } : {}),
        });
      const all = await store.listLogs(id);
      expect(all.map((l) => `${l.step} ${l.level} ${l.message}`)).toEqual([
        'load info line 1',
        'load info line 2',
        'fit info line 3',
        'fit error line 4',
      ]);
      expect(all[1]!.fields).toEqual({ rows: 10 });
      expect(all[0]!.time).toBe(clock + 1);
      const rest = await store.listLogs(id, { afterSeq: all[1]!.seq, maxResults: 1 });
      expect(rest.map((l) => l.message)).toEqual(['line 3']);
    });

    it('cancels an unstarted run at once and flags a running one for its worker', async () => {
      const queued = await store.createRun({ flow: 'train', state: 'Scheduled' });
      expect(await store.requestCancel(queued.id)).toMatchObject({
        state: 'Cancelled',
        endedAt: clock,
        error: { code: 'PIPELINE_RUN_CANCELLED' },
      });
      expect(await store.claimRun(queued.id, 'w', clock + 1)).toBeNull();

      const { id } = await store.createRun({ flow: 'train' });
      await store.claimRun(id, 'w', clock);
      await store.setRunState(id, { attempt: 1 }, 'Running');
      expect(await store.heartbeat(id, { attempt: 1 })).toEqual({ owned: true, cancelRequested: false });
      expect(await store.requestCancel(id)).toMatchObject({ state: 'Running', cancelRequested: true });
      expect(await store.heartbeat(id, { attempt: 1 })).toEqual({ owned: true, cancelRequested: true });
      await store.setRunState(id, { attempt: 1 }, 'Cancelled');
      expect((await store.requestCancel(id)).state).toBe('Cancelled');
      expect(await store.heartbeat(id, { attempt: 1 })).toMatchObject({ owned: false });
    });

    it('marks Crashed the runs whose worker stopped beating, and lets another worker take them', async () => {
      const stale = await store.createRun({ flow: 'train' });
      const live = await store.createRun({ flow: 'train' });
      await store.claimRun(stale.id, 'host-a:1', clock);
      await store.setRunState(stale.id, { attempt: 1 }, 'Running');
      await store.recordStep(
        stale.id,
        { attempt: 1 },
        { name: 'load', state: 'Completed', attempt: 1, output: 41 },
      );
      await store.recordStep(stale.id, { attempt: 1 }, { name: 'fit', state: 'Running', attempt: 1 });
      tick(60_000);
      await store.claimRun(live.id, 'host-b:2', clock);
      await store.setRunState(live.id, { attempt: 1 }, 'Running');
      // Earlier tests of this suite left claimed runs behind: look only at these two.
      const crashed = (await store.markCrashed(clock - 30_000)).filter((r) =>
        [stale.id, live.id].includes(r.id),
      );
      expect(crashed.map((r) => r.id)).toEqual([stale.id]);
      expect(crashed[0]).toMatchObject({
        state: 'Crashed',
        endedAt: clock,
        failedStep: 'fit',
        error: { code: 'PIPELINE_RUN_CRASHED' },
      });
      expect(crashed[0]!.error!.message).toContain('host-a:1');
      expect((await store.getRun(live.id)).state).toBe('Running');
      expect((await store.listSteps(stale.id)).map((s) => `${s.name}:${s.state}`)).toEqual([
        'load:Completed',
        'fit:Crashed',
      ]);
      const again = await store.claimRun(stale.id, 'host-b:2', clock - 30_000);
      expect(again).toMatchObject({ state: 'Pending', worker: 'host-b:2', attempt: 2, error: null });
    });

    it('ignores the writes of an attempt that was superseded', async () => {
      const { id } = await store.createRun({ flow: 'train' });
      await store.claimRun(id, 'slow:1', clock);
      await store.setRunState(id, { attempt: 1 }, 'Running');
      tick(60_000);
      // Not yet marked crashed, but stale: another worker may take it over.
      expect(await store.claimRun(id, 'fast:2', clock - 30_000)).toMatchObject({ attempt: 2 });
      await store.setRunState(id, { attempt: 1 }, 'Cancelled');
      await store.recordStep(id, { attempt: 1 }, { name: 'late', state: 'Completed', attempt: 1 });
      expect(await store.heartbeat(id, { attempt: 1 })).toMatchObject({ owned: false });
      expect(await store.getRun(id)).toMatchObject({ state: 'Pending', worker: 'fast:2' });
      expect(await store.listSteps(id)).toEqual([]);
    });

    it('reopens an ended run for a retry, keeping its steps, and refuses a completed one', async () => {
      const { id } = await store.createRun({ flow: 'train' });
      await store.claimRun(id, 'w', clock);
      await store.recordStep(
        id,
        { attempt: 1 },
        { name: 'load', state: 'Completed', attempt: 1, output: [1] },
      );
      await store.setRunState(id, { attempt: 1 }, 'TimedOut', {
        error: { code: 'TIMED_OUT', message: 'slow' },
      });
      await store.requestCancel(id);
      const reopened = await store.reopenRun(id, true);
      expect(reopened).toMatchObject({
        state: 'Scheduled',
        error: null,
        endedAt: null,
        worker: null,
        cancelRequested: false,
      });
      expect((await store.listSteps(id)).map((s) => s.output)).toEqual([[1]]);
      expect(await store.claimRun(id, 'w2', clock)).toMatchObject({ attempt: 2 });
      await store.setRunState(id, { attempt: 2 }, 'Completed');
      expect(await codeOf(store.reopenRun(id, false))).toBe('PIPELINE_RUN_NOT_RETRIABLE');
    });

    it('links a run to its tracking run', async () => {
      const { id } = await store.createRun({ flow: 'train' });
      await store.linkTrackingRun(id, 'abc123');
      expect((await store.getRun(id)).trackingRunId).toBe('abc123');
      expect(await codeOf(store.linkTrackingRun('00000000-0000-0000-0000-000000000000', 'x'))).toBe(
        'NOT_FOUND',
      );
    });
  });
}
