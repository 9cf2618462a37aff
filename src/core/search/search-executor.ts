import type { FoldResult, FoldTask } from './fold-task.js';
import type { Allocate, SearchData } from './search-data.js';

/** Runs fold tasks somewhere: on this thread, on worker threads, on other machines. */
export interface SearchExecutor {
  /** Tasks it runs at once; the search keeps this many in flight. */
  readonly concurrency: number;
  run(task: FoldTask): Promise<FoldResult>;
  /** Releases what it holds (worker threads end), so that the process can exit. */
  close(): Promise<void>;
}

/**
 * Makes an executor for the data of one search. Injected into `runSearch`, so that the search stays
 * pure and the threads live in an adapter.
 */
export interface SearchExecutorFactory {
  /** Memory for the search data: `SharedArrayBuffer`s when the executor shares it with threads. */
  readonly allocate?: Allocate;
  create(data: SearchData): Promise<SearchExecutor>;
}
