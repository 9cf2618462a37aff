/**
 * The amlops side of `bench:serve`: `node serve-child.mjs HOME PORT audit|no-audit` serves HOME's
 * production model with 2 cluster workers. run.ts bundles it with esbuild and runs it with plain
 * node, as an installed amlops runs (tsx's loader thread would add ~35 MB to every process).
 */
import { resolveConfig } from '../../src/config/index.js';
import { serve } from '../../src/main/server.js';

const [home, port, audit] = process.argv.slice(2);
const { config } = resolveConfig({
  flags: {
    home,
    'server.port': port,
    'server.workers': 2,
    'logging.level': 'warn',
    'audit.enabled': audit !== 'no-audit',
  },
});
await serve(config, { cwd: home!, version: 'bench' });
