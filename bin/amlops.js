#!/usr/bin/env node
// Runs the compiled and bundled CLI (dist/bundle, built by `npm install` through the prepare script).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/bundle/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('amlops is not built yet: run `npm run build` (npm install runs it).\n');
  process.exit(70);
}
const { main } = await import(entry.href);
await main(process.argv);
