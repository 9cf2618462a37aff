import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openArtifactStore } from '../../../src/adapters/artifacts/index.js';
import { registerModelBundle } from '../../../src/services/register-model-bundle.js';
import { MODEL, scoringServerHarness } from '../../http/scoring/scoring-server-harness.js';
import { EXAMPLE_BODY, trainTestBundle } from '../../scoring/scoring-test-kit.js';
import type { FuzzedServerMessage, FuzzedServerReady } from './fuzzed-server-process.js';

// The server the fuzz run attacks, in a process of its own (started by `fuzzedServerProcess`): the
// memory it reports is the server's alone, not that of the test building the requests. It listens
// on loopback, tells its parent the port, the routes and the names that exist, then answers
// `memory` and `close` messages.

const h = await scoringServerHarness();
await h.publish(trainTestBundle(), 'production');
await h.server.models.poll();

/**
 * Names and ids that exist, mixed into requests so that some reach past the lookup: for scoring, the
 * served model; for the tracking and registry APIs, an experiment, a run with a metric, and a
 * model of their own with a version and an alias (not the served model: deleting or moving it
 * would be answered correctly and still change what /predict answers).
 */
async function knownValues(): Promise<FuzzedServerReady['known']> {
  const experimentId = await h.stores.tracking.createExperiment({ name: 'fuzzed-experiment' });
  const run = await h.stores.tracking.createRun({ experimentId, runName: 'fuzzed-run' });
  await h.stores.tracking.logMetric(run.info.runId, { key: 'auc', value: 0.9, timestamp: 1, step: 0 });
  const version = await registerModelBundle(
    { registry: h.stores.registry, openArtifacts: (uri) => openArtifactStore(uri) },
    {
      name: 'fuzzed-model',
      source: `${pathToFileURL(join(h.home, 'artifacts')).href}/models/fuzzed`,
      bundle: trainTestBundle({ trees: 2 }),
      inputExample: EXAMPLE_BODY,
    },
  );
  await h.stores.registry.setAlias('fuzzed-model', 'champion', version.version);
  return {
    scoring: [MODEL, '1'],
    tracking: [experimentId, run.info.runId, 'auc', 'fuzzed-model', version.version, 'champion', 'model'],
  };
}

/**
 * The process's memory once garbage is collected: full collections, repeated while the buffers
 * they free are swept on other threads; the reading of lowest resident memory.
 */
async function settledMemory(): Promise<NodeJS.MemoryUsage> {
  let lowest: NodeJS.MemoryUsage | undefined;
  for (let i = 0; i < 5; i++) {
    globalThis.gc!();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const usage = process.memoryUsage();
    if (!lowest || usage.rss < lowest.rss) lowest = usage;
  }
  return lowest!;
}

const known = await knownValues();
await h.server.app.listen({ host: '127.0.0.1', port: 0 });
const address = h.server.app.server.address();
if (address === null || typeof address === 'string') throw new Error('the server has no TCP address');
const ready: FuzzedServerReady = {
  kind: 'ready',
  port: address.port,
  routes: h.server.routeAccess.map(({ method, url }) => ({ method, url })),
  known,
};
process.send!(ready);

process.on('message', async (message: FuzzedServerMessage) => {
  if (message === 'memory') process.send!({ kind: 'memory', usage: await settledMemory() });
  else if (message === 'close') {
    await h.close();
    process.disconnect();
  }
});
