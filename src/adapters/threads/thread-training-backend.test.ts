import { afterAll, describe, expect, it } from 'vitest';
import { logisticTestData, treeBytes } from '../../core/gbdt/logistic-test-data.js';
import { trainBooster } from '../../core/gbdt/train-booster.js';
import { createThreadTrainingBackend } from './thread-training-backend.js';

describe('createThreadTrainingBackend', () => {
  const backend = createThreadTrainingBackend({ threads: 2, minRows: 0 });
  afterAll(() => backend.close());
  // 40 000 rows make three row blocks, shared between the main thread and a worker.
  const data = logisticTestData(40_000, 11);

  it('starts its workers from TypeScript sources', async () => {
    await expect(backend.start()).resolves.toBeUndefined();
  });

  it('grows the same trees as one thread, byte for byte (blocks do not depend on threads)', () => {
    const params = { n_estimators: 8, max_depth: 5, subsample: 0.8, seed: 3 };
    const threaded = trainBooster(data.matrix, data.labels, params, { backend }).booster;
    const single = trainBooster(data.matrix, data.labels, params).booster;
    expect(threaded.trees.length).toBe(8);
    expect(Buffer.from(treeBytes(threaded)).equals(Buffer.from(treeBytes(single)))).toBe(true);
  });

  it('trains again on the same workers, with lossguide growth', () => {
    const params = { n_estimators: 4, grow_policy: 'lossguide' as const, max_leaves: 12, max_depth: 0 };
    const threaded = trainBooster(data.matrix, data.labels, params, { backend }).booster;
    const single = trainBooster(data.matrix, data.labels, params).booster;
    expect(Buffer.from(treeBytes(threaded)).equals(Buffer.from(treeBytes(single)))).toBe(true);
  });

  it('trains small data on the calling thread (below minRows), with the same result', async () => {
    const small = createThreadTrainingBackend({ threads: 2 });
    const few = logisticTestData(3000, 12);
    const a = trainBooster(few.matrix, few.labels, { n_estimators: 3 }, { backend: small }).booster;
    const b = trainBooster(few.matrix, few.labels, { n_estimators: 3 }).booster;
    expect(Buffer.from(treeBytes(a)).equals(Buffer.from(treeBytes(b)))).toBe(true);
    await small.close();
  });
});
