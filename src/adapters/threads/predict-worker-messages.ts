import type { PackedEnsemble } from '../../core/gbdt/predictor/packed-ensemble.js';
import type { ThreadError } from './thread-error.js';

/** What a predict worker starts with: its own copy of the packed ensemble. */
export interface PredictWorkerData {
  readonly packed: PackedEnsemble;
}

/** Main thread to worker: score rows `[start, end)` of shared columns into a shared output. */
export interface PredictTaskMessage {
  readonly id: number;
  readonly columns: readonly Float32Array[];
  readonly rowCount: number;
  readonly out: Float64Array;
  readonly start: number;
  readonly end: number;
  readonly output: 'margin' | 'probability';
}

/** Worker to main thread: the task is done, or failed with this error. */
export type PredictWorkerReply =
  | { readonly kind: 'done'; readonly id: number }
  | {
      readonly kind: 'error';
      readonly id: number;
      readonly error: ThreadError;
    };
