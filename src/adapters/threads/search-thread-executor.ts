import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { FoldResult, FoldTask } from '../../core/search/fold-task.js';
import type { SearchData } from '../../core/search/search-data.js';
import type { SearchExecutor, SearchExecutorFactory } from '../../core/search/search-executor.js';
import type { SearchTaskMessage, SearchWorkerData, SearchWorkerReply } from './search-worker-messages.js';
import { startWorker } from './start-worker.js';
import { rebuildThreadError } from './thread-error.js';

export interface SearchThreadOptions {
  /** Worker threads, one task each at a time (default: the machine's available parallelism). */
  readonly threads?: number;
}

/**
 * Evaluates a search's fold tasks on worker threads, one task per thread at a time. The search data
 * is allocated in `SharedArrayBuffer`s and handed to each worker once, so no task copies rows. The
 * workers end when the search closes the executor (or when one fails), so the process can exit.
 *
 * @example
 * const result = await runSearch({ ...options, executor: searchThreadExecutor({ threads: 2 }) });
 */
export function searchThreadExecutor(options: SearchThreadOptions = {}): SearchExecutorFactory {
  return {
    allocate: (byteLength) => new SharedArrayBuffer(byteLength),
    create: (data) => startExecutor(data, Math.max(1, options.threads ?? availableParallelism())),
  };
}

interface Pending {
  readonly resolve: (result: FoldResult) => void;
  readonly reject: (error: unknown) => void;
}

async function startExecutor(data: SearchData, threads: number): Promise<SearchExecutor> {
  const workers = Array.from({ length: threads }, () =>
    startWorker(import.meta.url, './search-worker', { data } satisfies SearchWorkerData),
  );
  const idle: Worker[] = [];
  const waiting: { message: SearchTaskMessage; pending: Pending }[] = [];
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let failure: unknown;

  const send = (worker: Worker, message: SearchTaskMessage, p: Pending): void => {
    pending.set(message.id, p);
    worker.postMessage(message);
  };
  const fail = (error: unknown): void => {
    failure ??= error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    for (const w of waiting.splice(0)) w.pending.reject(error);
  };

  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          worker.once('error', reject);
          worker.once('message', (reply: SearchWorkerReply) => {
            worker.off('error', reject);
            if (reply.kind === 'ready') resolve();
            else reject(new Error(`search worker sent ${reply.kind} before it was ready`));
          });
        }),
    ),
  ).catch(async (error) => {
    await Promise.all(workers.map((w) => w.terminate()));
    throw error;
  });

  for (const worker of workers) {
    worker.on('message', (reply: SearchWorkerReply) => {
      if (reply.kind === 'ready') return;
      const p = pending.get(reply.id);
      pending.delete(reply.id);
      const next = waiting.shift();
      if (next) send(worker, next.message, next.pending);
      else idle.push(worker);
      if (!p) return;
      if (reply.kind === 'result') p.resolve(reply.result);
      else p.reject(rebuildThreadError(reply.error));
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`a search worker exited with code ${code}`));
    });
    idle.push(worker);
  }

  return {
    concurrency: threads,
    run(task: FoldTask): Promise<FoldResult> {
      if (failure !== undefined) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        const message = { id: nextId++, task };
        const worker = idle.pop();
        if (worker) send(worker, message, { resolve, reject });
        else waiting.push({ message, pending: { resolve, reject } });
      });
    },
    async close() {
      fail(new Error('the search executor was closed'));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
