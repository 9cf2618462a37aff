import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BlockSteps } from '../../core/gbdt/block-steps.js';
import {
  type BlockRunner,
  singleThreadBackend,
  type TrainingBackend,
} from '../../core/gbdt/training-backend.js';
import type { TrainingWorkspace } from '../../core/gbdt/training-workspace.js';
import { CONTROL, newControl, recordedError, runClaimedBlocks } from './step-control.js';
import type { BindMessage } from './training-worker.js';

export interface ThreadBackendOptions {
  /** Threads in all, the calling one included (default: the machine's available parallelism). */
  readonly threads?: number;
  /** Below this many rows, training stays on the calling thread (default 50 000). */
  readonly minRows?: number;
}

/** A training backend on worker threads; `close()` ends its workers. */
export interface ThreadTrainingBackend extends TrainingBackend {
  readonly threads: number;
  /** Starts the workers now and resolves once they are ready (else they start on first use). */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Spins this many checks before sleeping while the other threads finish their blocks. */
const SPINS = 20000;

/**
 * Trains on all cores: the workspace lives in `SharedArrayBuffer`s, `threads - 1` workers and the
 * calling thread claim row blocks of each step, and the calling thread waits with `Atomics.wait`.
 * Workers start on first use, are kept for the next trainings, and are unref'd so that they never
 * keep a process alive. Results do not depend on the thread count (see `MAX_BLOCKS`).
 *
 * @example
 * const backend = createThreadTrainingBackend();
 * const { booster } = trainBooster(matrix, labels, params, { backend });
 * await backend.close();
 */
export function createThreadTrainingBackend(options: ThreadBackendOptions = {}): ThreadTrainingBackend {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const minRows = options.minRows ?? 50_000;
  let workers: Worker[] = [];
  let ready: Promise<void> = Promise.resolve();
  const ensureWorkers = (): void => {
    if (workers.length > 0 || threads === 1) return;
    workers = startWorkers(threads - 1);
    ready = Promise.all(workers.map(whenReady)).then(() => undefined);
  };
  return {
    threads,
    start() {
      ensureWorkers();
      return ready;
    },
    allocate: (byteLength) => new SharedArrayBuffer(byteLength),
    bind(workspace) {
      if (threads === 1 || workspace.layout.rowCount < minRows || workspace.layout.blockCount === 1) {
        return singleThreadBackend.bind(workspace);
      }
      ensureWorkers();
      return bindWorkers(workers, workspace);
    },
    async close() {
      const ending = workers;
      workers = [];
      await Promise.all(ending.map((w) => w.terminate()));
    },
  };
}

function startWorkers(count: number): Worker[] {
  const here = import.meta.url;
  return Array.from({ length: count }, () => {
    const worker = here.endsWith('.ts')
      ? sourceWorker(here)
      : new Worker(new URL('./training-worker.js', here));
    worker.unref();
    worker.on('error', () => {});
    return worker;
  });
}

/**
 * From TypeScript sources (vitest, tsx) the worker loads through tsx's require hook: Node 20 does
 * not apply ESM loader hooks (`--import tsx` in `execArgv`) to worker threads.
 */
function sourceWorker(here: string): Worker {
  const tsx = createRequire(here).resolve('tsx/cjs');
  const entry = fileURLToPath(new URL('./training-worker.ts', here));
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(entry)});`, { eval: true });
}

function whenReady(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type?: string }): void => {
      if (message?.type !== 'ready') return;
      worker.off('message', onMessage);
      worker.off('error', reject);
      resolve();
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
}

function bindWorkers(workers: readonly Worker[], workspace: TrainingWorkspace): BlockRunner {
  const control = newControl();
  Atomics.store(control, CONTROL.next, 0xffff);
  const message: BindMessage = {
    type: 'bind',
    layout: workspace.layout,
    buffers: workspace.buffers,
    control,
  };
  for (const worker of workers) worker.postMessage(message);
  const steps = new BlockSteps(workspace);
  const blocks = workspace.layout.blockCount;
  let generation = 0;
  return {
    runStep() {
      generation = (generation + 1) & 0xffff;
      Atomics.store(control, CONTROL.done, 0);
      Atomics.store(control, CONTROL.next, generation << 16);
      Atomics.store(control, CONTROL.generation, generation);
      Atomics.notify(control, CONTROL.generation);
      runClaimedBlocks(control, generation, blocks, steps);
      let done = Atomics.load(control, CONTROL.done);
      for (let spin = 0; done < blocks && spin < SPINS; spin++) done = Atomics.load(control, CONTROL.done);
      while (done < blocks) {
        Atomics.wait(control, CONTROL.done, done, 100);
        done = Atomics.load(control, CONTROL.done);
      }
      const error = recordedError(control);
      if (error !== undefined) throw new Error(`a training worker failed: ${error}`);
    },
    close() {
      Atomics.store(control, CONTROL.stop, 1);
      Atomics.add(control, CONTROL.generation, 1);
      Atomics.notify(control, CONTROL.generation);
    },
  };
}
