import { parentPort } from 'node:worker_threads';
import { BlockSteps } from '../../core/gbdt/block-steps.js';
import {
  viewWorkspace,
  type WorkspaceBuffers,
  type WorkspaceLayout,
} from '../../core/gbdt/training-workspace.js';
import { CONTROL, runClaimedBlocks } from './step-control.js';

/** What the main thread posts to bind a worker to a training's shared memory. */
export interface BindMessage {
  readonly type: 'bind';
  readonly layout: WorkspaceLayout;
  readonly buffers: WorkspaceBuffers;
  readonly control: Int32Array;
}

/** Spins this many checks before sleeping: the next step usually comes within microseconds. */
const SPINS = 2000;

/**
 * A training worker: bound to a workspace, it sleeps on the control buffer, claims and runs blocks
 * of each step, and returns to its event loop when the workspace is released.
 */
function serve(message: BindMessage): void {
  const steps = new BlockSteps(viewWorkspace(message.layout, message.buffers));
  const control = message.control;
  const blocks = message.layout.blockCount;
  // A step started before this worker bound is finished without it.
  let seen = Atomics.load(control, CONTROL.generation);
  for (;;) {
    let generation = Atomics.load(control, CONTROL.generation);
    for (let spin = 0; generation === seen && spin < SPINS; spin++) {
      generation = Atomics.load(control, CONTROL.generation);
    }
    if (generation === seen) {
      Atomics.wait(control, CONTROL.generation, seen);
      generation = Atomics.load(control, CONTROL.generation);
    }
    if (Atomics.load(control, CONTROL.stop) === 1) return;
    seen = generation;
    runClaimedBlocks(control, generation & 0xffff, blocks, steps);
  }
}

parentPort?.on('message', (message: BindMessage) => {
  if (message.type === 'bind') serve(message);
});
parentPort?.postMessage({ type: 'ready' });
