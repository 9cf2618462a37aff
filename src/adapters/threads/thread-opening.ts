import type { Worker } from 'node:worker_threads';

/**
 * The opening of a thread that first opens a store: settled by the thread's first answer, `ready`
 * or the error it could not open with (or its exit). Settling it again later changes nothing.
 *
 * @example
 * const opening = new ThreadOpening();
 * worker.on('message', (m) => (m.kind === 'ready' ? opening.ready() : opening.failed(rebuild(m.error))));
 * await opening.wait(worker);
 */
export class ThreadOpening {
  readonly #settled: Promise<void>;
  #resolve: () => void = () => undefined;
  #reject: (error: Error) => void = () => undefined;

  constructor() {
    this.#settled = new Promise<void>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // A failure before anyone waits is kept for `wait`, not reported as unhandled.
    this.#settled.catch(() => undefined);
  }

  ready(): void {
    this.#resolve();
  }

  failed(error: Error): void {
    this.#reject(error);
  }

  /** Resolves once the thread is ready; when it failed, stops the thread and throws its error. */
  async wait(worker: Worker): Promise<void> {
    try {
      await this.#settled;
    } catch (error) {
      await worker.terminate();
      throw error;
    }
  }
}
