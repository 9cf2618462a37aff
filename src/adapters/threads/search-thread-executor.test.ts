import { describe, expect, it } from 'vitest';
import { isAmlopsError } from '../../core/errors/index.js';
import { Rng } from '../../core/random/rng.js';
import { evaluateFoldTask } from '../../core/search/evaluate-fold-task.js';
import { inProcessExecutor } from '../../core/search/in-process-executor.js';
import { ORIGINAL_PRESET } from '../../core/search/original-preset.js';
import { runSearch } from '../../core/search/run-search.js';
import { prepareSearchData } from '../../core/search/search-data.js';
import { ORIGINAL_FEATURES } from '../../core/search/search-feature-set.js';
import { fitSearchFeatures } from '../../core/search/search-features.js';
import { stratifiedKFold } from '../../core/search/stratified-k-fold.js';
import { generateCases } from '../../core/synthetic/index.js';
import { searchThreadExecutor } from './search-thread-executor.js';

const cases = generateCases({ rows: 3000, seed: 5 });
const matrix = fitSearchFeatures(cases.frame, ORIGINAL_FEATURES).transform(cases.frame);

describe('searchThreadExecutor', () => {
  it('gives the same candidate scores on worker threads as on the calling thread', async () => {
    const options = {
      preset: ORIGINAL_PRESET,
      labels: cases.label,
      matrixOf: () => matrix,
      seed: 42,
      clock: () => 0,
      refit: false,
    };
    const inProcess = await runSearch({ ...options, executor: inProcessExecutor });
    const threaded = await runSearch({ ...options, executor: searchThreadExecutor({ threads: 2 }) });
    expect(threaded.candidates.map((c) => c.foldAucs)).toEqual(inProcess.candidates.map((c) => c.foldAucs));
    expect(threaded.best.index).toBe(inProcess.best.index);
  });

  it('shares the data with the workers and passes their errors back with their code', async () => {
    const factory = searchThreadExecutor({ threads: 1 });
    const foldOf = stratifiedKFold(cases.label, 3, new Rng(1));
    const data = prepareSearchData({ original: matrix }, cases.label, foldOf, 3, factory.allocate);
    expect(data.labels.buffer).toBeInstanceOf(SharedArrayBuffer);
    const executor = await factory.create(data);
    try {
      const task = {
        run: 0,
        fold: 1,
        featureSet: 'original',
        params: { max_depth: 2, n_estimators: 4 },
        treeCounts: [],
      };
      expect(await executor.run(task)).toEqual(evaluateFoldTask(data, task));
      const failure = await executor.run({ ...task, params: { max_depth: 0 } }).catch((e: unknown) => e);
      expect(isAmlopsError(failure) && failure.code).toBe('MODEL_PARAM_INVALID');
    } finally {
      await executor.close();
    }
  });
});
