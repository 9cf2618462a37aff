import { BlockSteps } from './block-steps.js';
import type { TrainingWorkspace } from './training-workspace.js';

/**
 * Runs the row kernels of a training: where the memory lives and which threads run the blocks. The
 * core trains through this interface only, so that it stays free of I/O and threads; the worker
 * thread implementation lives in `src/adapters/threads/`.
 */
export interface TrainingBackend {
  /** Memory for the workspace: an `ArrayBuffer` for one thread, a `SharedArrayBuffer` for workers. */
  allocate(byteLength: number): ArrayBufferLike;
  /** Prepares to run steps on `workspace` (after its bins and labels are written). */
  bind(workspace: TrainingWorkspace): BlockRunner;
}

/** Runs the step written in the workspace's command on every block, returning when all are done. */
export interface BlockRunner {
  runStep(): void;
  /** Releases the workspace (workers drop their views). */
  close(): void;
}

/**
 * Every block on the calling thread: the path for small data and for environments without threads.
 *
 * @example
 * trainBooster(matrix, labels, params, { backend: singleThreadBackend });
 */
export const singleThreadBackend: TrainingBackend = {
  allocate: (byteLength) => new ArrayBuffer(byteLength),
  bind(workspace) {
    const steps = new BlockSteps(workspace);
    const blocks = workspace.layout.blockCount;
    return {
      runStep() {
        for (let b = 0; b < blocks; b++) steps.run(b);
      },
      close() {},
    };
  },
};
