import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPipelineRunStore } from '../../src/adapters/sql/pipeline-runs-open.js';
import { resolveConfig } from '../../src/config/index.js';
import { startEmbeddedPipelines } from '../../src/main/worker.js';
import { FlowRegistry } from '../../src/pipelines/flow-registry.js';
import { FakeSchedulerClock } from './fake-scheduler-clock.js';
import { eventually } from './pipeline-test-kit.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const flows = new FlowRegistry().register({
  name: 'refresh',
  description: 'counts its parameters',
  steps: (params) => [{ name: 'count', run: async () => Object.keys(params).length }],
});

describe('the embedded pipelines of `amlops up`', () => {
  it('runs the configured schedules in this process at their times', async () => {
    const home = await mkdtemp(join(tmpdir(), 'amlops-embedded-'));
    dirs.push(home);
    const { config } = resolveConfig({
      env: {
        AMLOPS_HOME: home,
        AMLOPS_PIPELINES_SCHEDULES: JSON.stringify([
          { flow: 'refresh', intervalSeconds: 600, params: { a: 1, b: 2 } },
          { flow: 'refresh', cron: '45 4 * * *', timezone: 'America/New_York' },
        ]),
      },
    });
    // A run queued by an earlier `amlops up` that stopped before running it.
    const earlier = await openPipelineRunStore(`sqlite:${join(home, 'amlops.db')}`);
    const orphan = await earlier.createRun({ flow: 'refresh', params: { left: 'over' }, state: 'Scheduled' });
    await earlier.close();
    const clock = new FakeSchedulerClock(Date.parse('2026-06-01T08:05:00Z'));
    const pipelines = await startEmbeddedPipelines(config, { cwd: home, flows, clock, warn: () => {} });
    try {
      expect(pipelines.scheduler.upcoming().map((u) => new Date(u.at!).toISOString())).toEqual([
        '2026-06-01T08:10:00.000Z',
        '2026-06-01T08:45:00.000Z', // 04:45 EDT
      ]);
      const { store } = pipelines.deps;
      await eventually(async () => (await store.getRun(orphan.id)).state === 'Completed');
      const scheduled = async () =>
        (await store.listRuns({ flow: 'refresh' })).items.filter((r) => r.id !== orphan.id);
      // Minute by minute, letting each run end, so that none is skipped behind another.
      for (let minute = 0; minute < 40; minute++) {
        await clock.advance(60_000);
        await pipelines.scheduler.settled();
        await eventually(async () => (await scheduled()).every((r) => r.state === 'Completed'));
      }
      const runs = await scheduled();
      // 08:10, 08:20, 08:30, 08:40 (interval, 2 params) and 08:45 (cron, none).
      expect(runs.map((r) => Object.keys(r.params).length)).toEqual([0, 2, 2, 2, 2]);
      const logs = await pipelines.deps.store.listLogs(runs.at(-1)!.id);
      expect(logs[0]!.message).toBe('scheduled by refresh@every 600s for 2026-06-01T08:10:00.000Z');
    } finally {
      await pipelines.stop();
    }
  });
});
