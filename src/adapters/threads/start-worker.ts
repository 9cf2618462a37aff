import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { type ResourceLimits, Worker } from 'node:worker_threads';

/**
 * Starts the worker thread whose entry module is `name` (without extension) next to `here` (the
 * caller's `import.meta.url`): the compiled `.js` file when running from `dist`, or the TypeScript
 * source under tsx/vitest. Node 20 does not apply loader hooks given with `--import tsx` to a
 * worker's entry module, so from sources a small bootstrap registers tsx's hooks inside the worker
 * first and then imports the TypeScript entry. `resourceLimits` sizes the thread's heap.
 *
 * @example
 * const worker = startWorker(import.meta.url, './predict-worker', { packed });
 */
export function startWorker(
  here: string,
  name: string,
  workerData: unknown,
  resourceLimits?: ResourceLimits,
): Worker {
  if (!here.endsWith('.ts')) return new Worker(new URL(`${name}.js`, here), { workerData, resourceLimits });
  const api = pathToFileURL(
    createRequire(here)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const entry = new URL(`${name}.ts`, here).href;
  const bootstrap = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData, resourceLimits });
}
