import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalArtifactStore, openArtifactStore } from '../../src/adapters/artifacts/index.js';
import { openSqlStores } from '../../src/adapters/sql/index.js';
import type { ModelVersion } from '../../src/core/tracking/index.js';
import { artifactsAt } from '../../src/services/artifacts-at.js';
import type { PlatformStores } from '../../src/services/platform-stores.js';

/** The real embedded stores (SQLite + a local artifact directory) in a temporary directory. */
export interface TestPlatform extends PlatformStores {
  readonly dir: string;
  /** Registers a READY version with one file, from `runId` when given. */
  registerVersion(name: string, runId?: string): Promise<ModelVersion>;
  close(): Promise<void>;
}

/**
 * Opens the stores as `amlops` does by default, under a fresh temporary `AMLOPS_HOME`.
 *
 * @example
 * const t = await openTestPlatform();
 * await t.tracking.createExperiment({ name: 'e' });
 * await t.close();
 */
export async function openTestPlatform(dir?: string): Promise<TestPlatform> {
  const home = dir ?? (await mkdtemp(join(tmpdir(), 'amlops-services-')));
  const artifacts = new LocalArtifactStore(join(home, 'artifacts'));
  const stores = await openSqlStores(`sqlite:${join(home, 'amlops.db')}`, {
    artifactRoot: artifacts.rootUri,
    openArtifacts: (uri) => openArtifactStore(uri),
  });
  let counter = 0;
  return {
    dir: home,
    tracking: stores.tracking,
    registry: stores.registry,
    artifacts,
    async registerVersion(name, runId) {
      try {
        await stores.registry.getRegisteredModel(name);
      } catch {
        await stores.registry.createRegisteredModel({ name });
      }
      counter += 1;
      return stores.registry.createModelVersion(
        {
          name,
          source: runId
            ? `runs:/${runId}/model-${counter}`
            : `${artifacts.rootUri}/models/${name}/${counter}`,
          ...(runId ? { runId } : {}),
        },
        { writeArtifacts: (v) => artifactsAt(artifacts, v.source).put('model/model.json', '{}') },
      );
    },
    async close() {
      await stores.close();
      if (!dir) await rm(home, { recursive: true, force: true });
    },
  };
}

/**
 * Two finished runs of one experiment that differ in `max_depth` and their metrics; the first has
 * an `evaluation.json` artifact and a metric history.
 *
 * @example
 * const { experimentId, runA, runB } = await seedRuns(t);
 */
export async function seedRuns(
  t: PlatformStores,
  name = 'consumers-laundering-model',
): Promise<{ experimentId: string; runA: string; runB: string }> {
  const experimentId = await t.tracking.createExperiment({ name });
  const a = await t.tracking.createRun({ experimentId, runName: 'shallow', startTime: 1_000 });
  await t.tracking.logBatch(a.info.runId, {
    params: [
      { key: 'max_depth', value: '3' },
      { key: 'n_estimators', value: '10' },
    ],
    metrics: [
      { key: 'test_roc_auc', value: 0.88, timestamp: 1_000, step: 0 },
      { key: 'test_roc_auc', value: 0.9, timestamp: 1_001, step: 1 },
      { key: 'log_loss', value: 0.31, timestamp: 1_001, step: 0 },
    ],
    tags: [{ key: 'team', value: 'risk' }],
  });
  await t.tracking.updateRun(a.info.runId, { status: 'FINISHED', endTime: 2_000 });
  await artifactsAt(t.artifacts, a.info.artifactUri).put(
    'evaluation.json',
    JSON.stringify({ test: { roc_auc: 0.9 } }),
  );
  const b = await t.tracking.createRun({ experimentId, runName: 'deeper', startTime: 3_000 });
  await t.tracking.logBatch(b.info.runId, {
    params: [
      { key: 'max_depth', value: '4' },
      { key: 'n_estimators', value: '10' },
    ],
    metrics: [
      { key: 'test_roc_auc', value: 0.93, timestamp: 3_000, step: 0 },
      { key: 'log_loss', value: 0.31, timestamp: 3_000, step: 0 },
    ],
  });
  await t.tracking.updateRun(b.info.runId, { status: 'FINISHED', endTime: 4_000 });
  return { experimentId, runA: a.info.runId, runB: b.info.runId };
}
