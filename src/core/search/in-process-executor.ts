import { BinnedFolds } from './binned-folds.js';
import { evaluateFoldTask } from './evaluate-fold-task.js';
import type { SearchExecutorFactory } from './search-executor.js';

/**
 * Runs every fold task on the calling thread, one at a time: for tests, small data and places
 * without threads.
 *
 * @example
 * await runSearch({ ...options, executor: inProcessExecutor });
 */
export const inProcessExecutor: SearchExecutorFactory = {
  create: async (data) => {
    const folds = new BinnedFolds();
    return {
      concurrency: 1,
      run: async (task) => evaluateFoldTask(data, task, folds),
      close: async () => {},
    };
  },
};
