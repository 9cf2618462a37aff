// Bundles the compiled CLI (dist/, from tsc) into dist/bundle: one module per entry (the CLI and
// each worker thread) plus shared chunks, split at the CLI's dynamic imports so that what a
// command does not use is not loaded: each command is one of them (src/main/commands.ts). Node 20 spends most of a command's start-up resolving and
// reading some 500 small modules; the bundle starts `amlops train` about 0.3 s sooner
// (docs/benchmarks.md). Packages stay in node_modules, but for two pure-JavaScript ones every
// command loads: kysely (about 980 modules) and hyparquet (about 70), bundled in, which halves the
// start-up of a short command (`amlops cases list`: 0.28 s to 0.16 s on a 2-core machine).
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

/** Packages bundled into dist/bundle rather than loaded from node_modules. */
const INLINED = new Set(['kysely', 'hyparquet']);
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]
  .filter((name) => !INLINED.has(name))
  .flatMap((name) => [name, `${name}/*`]);

const dist = new URL('../dist/', import.meta.url);
const entry = (path) => new URL(path, dist).pathname;
const outdir = entry('bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [
    entry('main/cli.js'),
    // Workers are started by file name next to the module that starts them (see start-worker.ts).
    entry('adapters/threads/audit-spool-writer-worker.js'),
    entry('adapters/threads/predict-worker.js'),
    entry('adapters/threads/profile-file-worker.js'),
    entry('adapters/threads/search-worker.js'),
    entry('adapters/threads/training-worker.js'),
    entry('adapters/threads/window-reader-worker.js'),
  ],
  outdir,
  entryNames: '[name]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  logLevel: 'warning',
});
