import type { FoldResult, FoldTask } from '../../core/search/fold-task.js';
import type { SearchData } from '../../core/search/search-data.js';
import type { ThreadError } from './thread-error.js';

/** What a search worker is started with: the search data, its typed arrays over shared memory. */
export interface SearchWorkerData {
  readonly data: SearchData;
}

/** Main thread to worker: run this task. */
export interface SearchTaskMessage {
  readonly id: number;
  readonly task: FoldTask;
}

/** Worker to main thread: ready to take tasks, or the outcome of task `id`. */
export type SearchWorkerReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'result'; readonly id: number; readonly result: FoldResult }
  | { readonly kind: 'error'; readonly id: number; readonly error: ThreadError };
