import { describe, expect, it } from 'vitest';
import type { FeatureMatrix } from '../gbdt/feature-matrix.js';
import { Rng } from '../random/rng.js';
import { generateCases } from '../synthetic/index.js';
import { BinnedFolds } from './binned-folds.js';
import { evaluateFoldTask } from './evaluate-fold-task.js';
import { foldSplit } from './fold-split.js';
import type { FoldTask } from './fold-task.js';
import { inProcessExecutor } from './in-process-executor.js';
import { ORIGINAL_PRESET } from './original-preset.js';
import { runSearch, type SearchProgress } from './run-search.js';
import { prepareSearchData } from './search-data.js';
import type { SearchExecutorFactory } from './search-executor.js';
import { ORIGINAL_FEATURES } from './search-feature-set.js';
import { fitSearchFeatures } from './search-features.js';
import type { SearchPreset } from './search-preset.js';
import { stratifiedKFold } from './stratified-k-fold.js';

/** A clock that only moves when a fake task runs. */
function fakeClock(): { now: () => number; advance: (s: number) => void } {
  let t = 1000;
  return { now: () => t, advance: (s) => (t += s) };
}

/** Fold AUCs made up from min_child_weight: best at 4; fold noise from the fold number. */
const fakeAuc = (weight: number, fold: number): number => 0.8 - 0.01 * (weight - 4) ** 2 + 0.001 * fold;

/** Tasks take `secondsPerTask` x max_depth of fake time, as the budget's cost model expects. */
function fakeExecutor(
  clock: { advance: (s: number) => void },
  secondsPerTask: number,
  tasks: FoldTask[] = [],
): SearchExecutorFactory {
  return {
    create: async () => ({
      concurrency: 1,
      run: async (task) => {
        tasks.push(task);
        clock.advance(secondsPerTask * task.params.max_depth!);
        return {
          aucs: [fakeAuc(task.params.min_child_weight!, task.fold)],
          trees: [1],
          trainedTrees: 1,
          trainRows: 20,
        };
      },
      close: async () => {},
    }),
  };
}

const depthPreset: SearchPreset = {
  ...ORIGINAL_PRESET,
  name: 'depths',
  folds: 3,
  space: {
    kind: 'grid',
    base: { n_estimators: 1, max_depth: 1 },
    grid: { min_child_weight: [1, 2, 3, 4, 5, 6] },
    featureSets: ['original'],
  },
};
const tinyMatrix: FeatureMatrix = { rowCount: 30, featureNames: ['x'], columns: [new Float32Array(30)] };
const tinyLabels = Uint8Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 1 : 0));

describe('runSearch with a fake executor and clock', () => {
  it('stops starting candidates when the next would pass the budget, and says so', async () => {
    const clock = fakeClock();
    const progress: SearchProgress[] = [];
    const result = await runSearch({
      preset: depthPreset,
      labels: tinyLabels,
      matrixOf: () => tinyMatrix,
      seed: 1,
      budgetSeconds: 10,
      executor: fakeExecutor(clock, 1),
      clock: clock.now,
      onCandidate: (p) => progress.push(p),
      refit: false,
    });
    // Each candidate takes 3 s (3 folds x 1 s on 20 rows) and its refit on 30 rows 1.5 s, planned
    // with a 10% margin: a third candidate started at 6 s would end at 10.95 s with its refit.
    expect(result.candidates.map((c) => c.status)).toEqual([
      'evaluated',
      'evaluated',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
    ]);
    expect(result.budgetExhausted).toBe(true);
    expect(result.timings.totalSeconds).toBe(6);
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(progress.every((p) => p.total === 6)).toBe(true);
  });

  it('skips a candidate estimated too long for what is left, and still tries cheaper ones after it', async () => {
    const clock = fakeClock();
    const preset: SearchPreset = {
      ...depthPreset,
      space: {
        kind: 'grid',
        base: { n_estimators: 1 },
        grid: { max_depth: [1, 5, 2] },
        featureSets: ['original'],
      },
    };
    const result = await runSearch({
      preset,
      labels: tinyLabels,
      matrixOf: () => tinyMatrix,
      seed: 1,
      budgetSeconds: 13,
      executor: fakeExecutor(clock, 1),
      clock: clock.now,
      refit: false,
    });
    // Depth 1 takes 3 s; depth 5 would take 15 s and a 7.5 s refit; depth 2 takes 6 s and a 3 s
    // refit: 9.9 s with the 10% margin, ending at 12.9 s.
    expect(result.candidates.map((c) => c.status)).toEqual(['evaluated', 'skipped', 'evaluated']);
    expect(result.timings.totalSeconds).toBe(9);
  });

  it('always finishes the first candidate, however small the budget', async () => {
    const clock = fakeClock();
    const result = await runSearch({
      preset: depthPreset,
      labels: tinyLabels,
      matrixOf: () => tinyMatrix,
      seed: 1,
      budgetSeconds: 0.5,
      executor: fakeExecutor(clock, 1),
      clock: clock.now,
      refit: false,
    });
    expect(result.candidates.filter((c) => c.status === 'evaluated').map((c) => c.index)).toEqual([0]);
    expect(result.best.index).toBe(0);
  });

  it('picks the candidate with the highest mean fold AUC and reports mean, std and fold scores', async () => {
    const clock = fakeClock();
    const tasks: FoldTask[] = [];
    const result = await runSearch({
      preset: depthPreset,
      labels: tinyLabels,
      matrixOf: () => tinyMatrix,
      seed: 1,
      budgetSeconds: Number.POSITIVE_INFINITY,
      executor: fakeExecutor(clock, 1, tasks),
      clock: clock.now,
      refit: false,
    });
    expect(tasks).toHaveLength(6 * 3);
    const means = result.candidates.map((c) => c.meanAuc);
    expect(result.best.meanAuc).toBe(Math.max(...means));
    expect(result.best.params.min_child_weight).toBe(4);
    expect(result.bestParams).toEqual({ n_estimators: 1, max_depth: 1, min_child_weight: 4 });
    const c = result.candidates[0]!;
    expect(c.foldAucs).toEqual([0, 1, 2].map((f) => fakeAuc(1, f)));
    expect(c.meanAuc).toBeCloseTo(fakeAuc(1, 1), 12);
    expect(c.stdAuc).toBeCloseTo(Math.sqrt(2 / 3) * 0.001, 12);
  });

  it('refuses training rows with fewer positives than folds', async () => {
    const clock = fakeClock();
    const labels = Uint8Array.from({ length: 30 }, (_, i) => (i < 2 ? 1 : 0));
    await expect(
      runSearch({
        preset: depthPreset,
        labels,
        matrixOf: () => tinyMatrix,
        seed: 1,
        executor: fakeExecutor(clock, 1),
        clock: clock.now,
      }),
    ).rejects.toMatchObject({
      code: 'DATA_TOO_SMALL',
      message: expect.stringMatching(/2 positives and 28 negatives/),
    });
  });

  it('gives ties to the earlier candidate, as scikit-learn does', async () => {
    const clock = fakeClock();
    const flat: SearchExecutorFactory = {
      create: async () => ({
        concurrency: 2,
        run: async () => ({ aucs: [0.9], trees: [1], trainedTrees: 1, trainRows: 10 }),
        close: async () => {},
      }),
    };
    const result = await runSearch({
      preset: depthPreset,
      labels: tinyLabels,
      matrixOf: () => tinyMatrix,
      seed: 1,
      executor: flat,
      clock: clock.now,
      refit: false,
    });
    expect(result.best.index).toBe(0);
  });
});

describe('runSearch on generated cases', () => {
  const cases = generateCases({ rows: 4000, seed: 11 });
  const features = fitSearchFeatures(cases.frame, ORIGINAL_FEATURES);
  const matrix = features.transform(cases.frame);

  it("runs the original's 16 candidates x 5 folds and refits the best on all rows", async () => {
    const result = await runSearch({
      preset: ORIGINAL_PRESET,
      labels: cases.label,
      matrixOf: () => matrix,
      seed: 42,
      executor: inProcessExecutor,
      clock: () => 0,
    });
    expect(result.candidates).toHaveLength(16);
    for (const c of result.candidates) {
      expect(c.status).toBe('evaluated');
      expect(c.foldAucs).toHaveLength(5);
      expect(c.foldTrees).toEqual(new Array(5).fill(c.params.n_estimators));
      expect(c.meanAuc).toBeGreaterThan(0.6);
    }
    expect(result.booster!.trees).toHaveLength(result.bestParams.n_estimators!);
    expect(result.booster!.trees.length).toBe(result.best.params.n_estimators);
  });

  it('scores the first k trees of a shared run exactly as a k-tree training would', () => {
    const foldOf = stratifiedKFold(cases.label, 5, new Rng(3));
    const data = prepareSearchData({ original: matrix }, cases.label, foldOf, 5);
    const shared = evaluateFoldTask(data, {
      run: 0,
      fold: 2,
      featureSet: 'original',
      params: { max_depth: 3, n_estimators: 10 },
      treeCounts: [10, 3],
    });
    const alone = evaluateFoldTask(data, {
      run: 1,
      fold: 2,
      featureSet: 'original',
      params: { max_depth: 3, n_estimators: 3 },
      treeCounts: [],
    });
    expect(shared.aucs[1]).toBe(alone.aucs[0]);
    expect(shared.trees).toEqual([10, 3]);
  });
});

describe('binned folds', () => {
  const cases = generateCases({ rows: 4000, seed: 11 });
  const features = fitSearchFeatures(cases.frame, ORIGINAL_FEATURES);
  const matrix = features.transform(cases.frame);

  it('give every candidate the same result as binning its fold afresh, binning each fold once', () => {
    const foldOf = stratifiedKFold(cases.label, 5, new Rng(3));
    const data = prepareSearchData({ original: matrix }, cases.label, foldOf, 5);
    const folds = new BinnedFolds();
    for (const [run, params] of [
      { max_depth: 2, n_estimators: 4 },
      { max_depth: 4, n_estimators: 6, min_child_weight: 3 },
    ].entries())
      for (const fold of [0, 3]) {
        const task = { run, fold, featureSet: 'original', params, treeCounts: [] };
        expect(evaluateFoldTask(data, task, folds)).toEqual(evaluateFoldTask(data, task));
      }
    const train = foldSplit(data, 'original', 3).train;
    expect(folds.of('original', 3, train, 256, 0)).toBe(folds.of('original', 3, train, 256, 0));
  });

  it('drop the least recently used fold beyond their byte budget', () => {
    const foldOf = stratifiedKFold(cases.label, 5, new Rng(3));
    const data = prepareSearchData({ original: matrix }, cases.label, foldOf, 5);
    const one = foldSplit(data, 'original', 0).train;
    const bytes = one.matrix.rowCount * one.matrix.columns.length;
    const folds = new BinnedFolds(bytes * 1.5);
    const first = folds.of('original', 0, one, 256, 0);
    folds.of('original', 1, foldSplit(data, 'original', 1).train, 256, 0);
    expect(folds.of('original', 0, one, 256, 0)).not.toBe(first);
  });
});
