import type { BlockSteps } from '../../core/gbdt/block-steps.js';

/**
 * The words of a step's control buffer (an `Int32Array` over a `SharedArrayBuffer`, one per bound
 * workspace, so that a late worker can never act on another training's memory).
 */
export const CONTROL = {
  /** Step generation (16 bits), bumped and notified to start a step. */
  generation: 0,
  /** 1 once the workspace is released: workers return to their event loop. */
  stop: 1,
  /** Next block to claim, tagged with the generation in the high 16 bits. */
  next: 2,
  /** Blocks finished in this step; the thread finishing the last one notifies. */
  done: 3,
  /** 1 when a block threw; its message is in the bytes after `CONTROL_WORDS`. */
  error: 4,
} as const;
export const CONTROL_WORDS = 8;
export const ERROR_BYTES = 1024;

/** A control buffer for one bound workspace. */
export function newControl(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * CONTROL_WORDS + ERROR_BYTES));
}

/**
 * Claims blocks of step `generation` until none is left and runs them. Blocks are claimed with a
 * compare-and-swap on a word that carries the generation, so a thread that wakes late claims
 * nothing of a step that already moved on.
 */
export function runClaimedBlocks(
  control: Int32Array,
  generation: number,
  blockCount: number,
  steps: BlockSteps,
): void {
  for (;;) {
    const word = Atomics.load(control, CONTROL.next);
    if (word >>> 16 !== generation) return;
    const block = word & 0xffff;
    if (block >= blockCount) return;
    if (Atomics.compareExchange(control, CONTROL.next, word, word + 1) !== word) continue;
    try {
      steps.run(block);
    } catch (error) {
      recordError(control, error);
    }
    if (Atomics.add(control, CONTROL.done, 1) + 1 === blockCount) Atomics.notify(control, CONTROL.done);
  }
}

function recordError(control: Int32Array, error: unknown): void {
  if (Atomics.compareExchange(control, CONTROL.error, 0, 1) !== 0) return;
  const text = new TextEncoder().encode(
    error instanceof Error ? (error.stack ?? error.message) : String(error),
  );
  const bytes = new Uint8Array(control.buffer, 4 * CONTROL_WORDS, ERROR_BYTES);
  bytes.fill(0);
  bytes.set(text.subarray(0, ERROR_BYTES));
}

/** The message of the block that failed, if any. */
export function recordedError(control: Int32Array): string | undefined {
  if (Atomics.load(control, CONTROL.error) === 0) return undefined;
  const bytes = new Uint8Array(control.buffer, 4 * CONTROL_WORDS, ERROR_BYTES);
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(bytes.slice(0, end < 0 ? ERROR_BYTES : end));
}
