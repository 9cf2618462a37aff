import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPipelineRunStore } from '../../src/adapters/sql/pipeline-runs-open.js';
import type { FlowRegistry } from '../../src/pipelines/flow-registry.js';
import type { PipelineDeps } from '../../src/pipelines/pipeline-deps.js';
import type { JobQueue } from '../../src/ports/job-queue.js';
import type { PipelineRunStore } from '../../src/ports/pipeline-run-store.js';

/**
 * Pipeline services over a fresh SQLite store in a temporary directory, with fast heartbeats.
 *
 * @example
 * const kit = await pipelineKit(flows);
 * await startPipelineRun(kit.deps, 'hello', {});
 * await kit.close();
 */
export async function pipelineKit(
  flows: FlowRegistry,
  options: { queue?: JobQueue; worker?: string; now?: () => number; url?: string } = {},
): Promise<{
  deps: PipelineDeps;
  store: PipelineRunStore;
  url: string;
  warnings: string[];
  close(): Promise<void>;
}> {
  const dir = options.url ? undefined : await mkdtemp(join(tmpdir(), 'amlops-pipelines-'));
  const url = options.url ?? `sqlite:${join(dir!, 'amlops.db')}`;
  const store = await openPipelineRunStore(url, options.now ? { now: options.now } : {});
  const warnings: string[] = [];
  const deps: PipelineDeps = {
    store,
    flows,
    ...(options.queue ? { queue: options.queue } : {}),
    worker: options.worker ?? 'test-host:1',
    now: options.now ?? Date.now,
    timing: { heartbeatMs: 20, crashAfterMs: 400 },
    running: new Map(),
    warn: (message) => void warnings.push(message),
  };
  return {
    deps,
    store,
    url,
    warnings,
    async close() {
      await store.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves when `check` returns a truthy value, polling; rejects after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A promise that resolves when the signal aborts (for steps that wait to be cancelled). */
export function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(new Error('aborted'));
    signal.addEventListener('abort', () => reject(new Error('aborted')));
  });
}
