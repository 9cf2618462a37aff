import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXPERIMENT_SEARCH_SCHEMA,
  parseOrderBy,
  parseSearchFilter,
  RUN_SEARCH_SCHEMA,
} from '../../src/core/tracking/index.js';
import type { TrackingStore } from '../../src/ports/tracking-store.js';
import { codeOf } from './expect-code.js';
import { describeRunSearch } from './run-search.contract.js';

const T0 = 1_764_255_600_000;

/**
 * The behaviour every TrackingStore must have, run against each adapter on a real database.
 * `makeAdapter` returns a store over an empty, migrated database whose artifact root is `artifactRoot`,
 * and how to close it (the store and whatever else the adapter opened).
 */
export function runTrackingStoreContract(
  name: string,
  makeAdapter: () => Promise<{ store: TrackingStore; artifactRoot: string; close(): Promise<void> }>,
): void {
  describe(`TrackingStore contract: ${name}`, () => {
    let store: TrackingStore;
    let artifactRoot: string;
    let close: () => Promise<void>;
    let n = 0;
    const unique = (label: string) => `${label}-${++n}-${Math.random().toString(36).slice(2, 8)}`;
    const newExperiment = async () => store.createExperiment({ name: unique('exp') });
    const search = async (
      experimentId: string,
      filter: string,
      orderBy: string[] = [],
      maxResults?: number,
    ) =>
      (
        await store.searchRuns({
          experimentIds: [experimentId],
          filter: parseSearchFilter(filter, RUN_SEARCH_SCHEMA),
          orderBy: parseOrderBy(orderBy, RUN_SEARCH_SCHEMA),
          ...(maxResults ? { maxResults } : {}),
        })
      ).items.map((r) => r.info.runName);

    beforeAll(async () => {
      ({ store, artifactRoot, close } = await makeAdapter());
    });
    afterAll(async () => {
      await close?.();
    });

    it('has the default experiment 0', async () => {
      expect((await store.getExperiment('0')).name).toBe('Default');
    });

    it('creates experiments, finds them by id and by name, and refuses a taken name', async () => {
      const name = unique('laundering');
      const id = await store.createExperiment({ name, tags: [{ key: 'team', value: 'risk' }] });
      const experiment = await store.getExperiment(id);
      expect(experiment).toMatchObject({
        experimentId: id,
        name,
        lifecycleStage: 'active',
        tags: [{ key: 'team', value: 'risk' }],
      });
      expect(experiment.artifactLocation).toBe(`${artifactRoot}/${id}`);
      expect((await store.getExperimentByName(name))?.experimentId).toBe(id);
      expect(await store.getExperimentByName(unique('absent'))).toBeNull();
      expect(await codeOf(store.createExperiment({ name }))).toBe('RESOURCE_ALREADY_EXISTS');
      expect(await codeOf(store.getExperiment('987654'))).toBe('NOT_FOUND');
      expect(await codeOf(store.getExperiment("1' or '1'='1"))).toBe('USAGE');
      expect(await codeOf(store.createExperiment({ name: '' }))).toBe('USAGE');
    });

    it('renames an experiment, but not onto a taken name', async () => {
      const id = await newExperiment();
      const taken = unique('taken');
      await store.createExperiment({ name: taken });
      const renamed = unique('renamed');
      await store.renameExperiment(id, renamed);
      expect((await store.getExperiment(id)).name).toBe(renamed);
      expect(await codeOf(store.renameExperiment(id, taken))).toBe('RESOURCE_ALREADY_EXISTS');
    });

    it('deletes and restores an experiment together with its runs', async () => {
      const id = await newExperiment();
      const run = await store.createRun({ experimentId: id });
      const other = await store.createRun({ experimentId: id });
      await store.deleteRun(other.info.runId);
      await store.deleteExperiment(id);
      expect((await store.getExperiment(id)).lifecycleStage).toBe('deleted');
      expect((await store.getRun(run.info.runId)).info.lifecycleStage).toBe('deleted');
      expect(await codeOf(store.createRun({ experimentId: id }))).toBe('INVALID_STATE');
      expect(await codeOf(store.deleteExperiment(id))).toBe('INVALID_STATE');
      await store.restoreExperiment(id);
      expect((await store.getExperiment(id)).lifecycleStage).toBe('active');
      expect((await store.getRun(run.info.runId)).info.lifecycleStage).toBe('active');
      // A run deleted before the experiment stays deleted.
      expect((await store.getRun(other.info.runId)).info.lifecycleStage).toBe('deleted');
    });

    it('sets experiment tags, replacing a value', async () => {
      const id = await newExperiment();
      await store.setExperimentTag(id, { key: 'owner', value: 'a' });
      await store.setExperimentTag(id, { key: 'owner', value: 'b' });
      expect((await store.getExperiment(id)).tags).toEqual([{ key: 'owner', value: 'b' }]);
    });

    it('searches experiments by name and tag, by view type, page by page', async () => {
      const prefix = unique('search');
      const ids: string[] = [];
      for (let i = 0; i < 3; i += 1)
        ids.push(
          await store.createExperiment({ name: `${prefix}-${i}`, tags: [{ key: 'i', value: String(i) }] }),
        );
      await store.deleteExperiment(ids[2]!);
      const filter = (text: string) => parseSearchFilter(text, EXPERIMENT_SEARCH_SCHEMA);
      const names = async (text: string, viewType?: 'ALL' | 'DELETED_ONLY') =>
        (
          await store.searchExperiments({ filter: filter(text), ...(viewType ? { viewType } : {}) })
        ).items.map((e) => e.name);
      expect(await names(`name LIKE '${prefix}%'`)).toEqual([`${prefix}-0`, `${prefix}-1`]);
      expect(await names(`name LIKE '${prefix}%'`, 'ALL')).toHaveLength(3);
      expect(await names(`name LIKE '${prefix}%'`, 'DELETED_ONLY')).toEqual([`${prefix}-2`]);
      expect(await names(`name LIKE '${prefix}%' and tags.i = '1'`)).toEqual([`${prefix}-1`]);
      const first = await store.searchExperiments({
        filter: filter(`name LIKE '${prefix}%'`),
        maxResults: 1,
      });
      expect(first.items).toHaveLength(1);
      const second = await store.searchExperiments({
        filter: filter(`name LIKE '${prefix}%'`),
        maxResults: 1,
        pageToken: first.nextPageToken!,
      });
      expect(second.items[0]!.name).not.toBe(first.items[0]!.name);
      expect(second.nextPageToken).toBeUndefined();
    });

    it('creates a RUNNING run with its artifact URI under the experiment, and ends it', async () => {
      const id = await newExperiment();
      const run = await store.createRun({
        experimentId: id,
        runName: 'nightly',
        userId: 'ci',
        startTime: T0,
      });
      expect(run.info).toMatchObject({
        experimentId: id,
        runName: 'nightly',
        userId: 'ci',
        status: 'RUNNING',
        startTime: T0,
        endTime: null,
      });
      expect(run.info.runId).toMatch(/^[0-9a-f]{32}$/);
      expect(run.info.artifactUri).toBe(`${artifactRoot}/${id}/${run.info.runId}/artifacts`);
      expect(run.data.tags).toContainEqual({ key: 'mlflow.runName', value: 'nightly' });
      const ended = await store.updateRun(run.info.runId, { status: 'FINISHED', endTime: T0 + 5000 });
      expect(ended).toMatchObject({ status: 'FINISHED', endTime: T0 + 5000 });
      const killed = await store.createRun({ experimentId: id });
      expect((await store.updateRun(killed.info.runId, { status: 'KILLED' })).endTime).toBeGreaterThan(0);
      expect(await codeOf(store.updateRun(run.info.runId, { status: 'DONE' as never }))).toBe('USAGE');
      expect(await codeOf(store.getRun('0'.repeat(32)))).toBe('NOT_FOUND');
      expect(await codeOf(store.createRun({ experimentId: '999999' }))).toBe('NOT_FOUND');
    });

    it('writes params once: the same value again is fine, another value is refused', async () => {
      const run = await store.createRun({ experimentId: await newExperiment() });
      const id = run.info.runId;
      await store.logParam(id, { key: 'max_depth', value: '4' });
      await store.logParam(id, { key: 'max_depth', value: '4' });
      expect(await codeOf(store.logParam(id, { key: 'max_depth', value: '5' }))).toBe('INVALID_STATE');
      expect((await store.getRun(id)).data.params).toEqual([{ key: 'max_depth', value: '4' }]);
      expect(await codeOf(store.logParam(id, { key: 'long', value: 'x'.repeat(6001) }))).toBe('USAGE');
      expect(await codeOf(store.logParam(id, { key: '../escape', value: '1' }))).toBe('USAGE');
      expect(await codeOf(store.logParam(id, { key: 'a;b', value: '1' }))).toBe('USAGE');
    });

    it('keeps the full metric history and the latest value by step, NaN and infinities included', async () => {
      const run = await store.createRun({ experimentId: await newExperiment() });
      const id = run.info.runId;
      await store.logMetric(id, { key: 'loss', value: 0.5, timestamp: T0 + 2, step: 2 });
      await store.logMetric(id, { key: 'loss', value: 0.9, timestamp: T0, step: 0 });
      await store.logMetric(id, { key: 'loss', value: 0.7, timestamp: T0 + 1, step: 1 });
      await store.logMetric(id, { key: 'odd', value: Number.NaN, timestamp: T0, step: 0 });
      await store.logMetric(id, { key: 'big', value: Number.POSITIVE_INFINITY, timestamp: T0, step: 0 });
      await store.logMetric(id, { key: 'small', value: Number.NEGATIVE_INFINITY, timestamp: T0, step: 0 });
      expect(await store.getMetricHistory(id, 'loss')).toEqual([
        { key: 'loss', value: 0.9, timestamp: T0, step: 0 },
        { key: 'loss', value: 0.7, timestamp: T0 + 1, step: 1 },
        { key: 'loss', value: 0.5, timestamp: T0 + 2, step: 2 },
      ]);
      const latest = Object.fromEntries((await store.getRun(id)).data.metrics.map((m) => [m.key, m.value]));
      expect(latest).toEqual({
        loss: 0.5,
        odd: Number.NaN,
        big: Number.POSITIVE_INFINITY,
        small: Number.NEGATIVE_INFINITY,
      });
      expect(await store.getMetricHistory(id, 'never')).toEqual([]);
      expect(await codeOf(store.logMetric(id, { key: 'x', value: 1, timestamp: 1.5, step: 0 }))).toBe(
        'USAGE',
      );
    });

    it('sets, replaces and deletes run tags; the run name follows mlflow.runName', async () => {
      const run = await store.createRun({ experimentId: await newExperiment() });
      const id = run.info.runId;
      await store.setTag(id, { key: 'stage', value: 'a' });
      await store.setTag(id, { key: 'stage', value: 'b' });
      await store.setTag(id, { key: 'mlflow.runName', value: 'renamed' });
      const after = await store.getRun(id);
      expect(after.data.tags).toContainEqual({ key: 'stage', value: 'b' });
      expect(after.info.runName).toBe('renamed');
      await store.deleteTag(id, 'stage');
      expect((await store.getRun(id)).data.tags.map((t) => t.key)).not.toContain('stage');
      expect(await codeOf(store.deleteTag(id, 'stage'))).toBe('NOT_FOUND');
    });

    it('logs a batch all or nothing, within MLflow limits', async () => {
      const run = await store.createRun({ experimentId: await newExperiment() });
      const id = run.info.runId;
      await store.logParam(id, { key: 'p', value: '1' });
      const failing = store.logBatch(id, {
        metrics: [{ key: 'auc', value: 0.9, timestamp: T0, step: 0 }],
        params: [{ key: 'p', value: '2' }],
        tags: [{ key: 't', value: 'x' }],
      });
      expect(await codeOf(failing)).toBe('INVALID_STATE');
      const untouched = await store.getRun(id);
      expect(untouched.data.metrics).toEqual([]);
      expect(untouched.data.tags.map((t) => t.key)).not.toContain('t');
      const metrics = Array.from({ length: 1001 }, (_, i) => ({
        key: 'm',
        value: i,
        timestamp: T0,
        step: i,
      }));
      expect(await codeOf(store.logBatch(id, { metrics }))).toBe('USAGE');
      const params = Array.from({ length: 101 }, (_, i) => ({ key: `k${i}`, value: '1' }));
      expect(await codeOf(store.logBatch(id, { params }))).toBe('USAGE');
      await store.logBatch(id, {
        metrics: metrics.slice(0, 998),
        params: [{ key: 'q', value: 'x' }],
        tags: [{ key: 't', value: 'y' }],
      });
      expect(await store.getMetricHistory(id, 'm')).toHaveLength(998);
      expect((await store.getRun(id)).data.metrics).toEqual([
        { key: 'm', value: 997, timestamp: T0, step: 997 },
      ]);
      const tooMany = {
        metrics: metrics.slice(0, 999),
        params: [{ key: 'r', value: '1' }],
        tags: [{ key: 's', value: '1' }],
      };
      expect(await codeOf(store.logBatch(id, tooMany))).toBe('USAGE');
    });

    it('deletes and restores runs; a deleted run refuses writes and leaves active searches', async () => {
      const experimentId = await newExperiment();
      const run = await store.createRun({ experimentId, runName: 'gone' });
      await store.deleteRun(run.info.runId);
      expect(await codeOf(store.logParam(run.info.runId, { key: 'a', value: '1' }))).toBe('INVALID_STATE');
      expect(await search(experimentId, '')).toEqual([]);
      const deleted = await store.searchRuns({ experimentIds: [experimentId], viewType: 'DELETED_ONLY' });
      expect(deleted.items.map((r) => r.info.runName)).toEqual(['gone']);
      await store.restoreRun(run.info.runId);
      expect(await search(experimentId, '')).toEqual(['gone']);
    });

    describeRunSearch({ store: () => store, newExperiment, search });
  });
}
