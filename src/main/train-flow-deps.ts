import { join, resolve } from 'node:path';
import { openArtifactStore } from '../adapters/artifacts/index.js';
import { readTable } from '../adapters/data/read-table.js';
import { WebhookNotifier } from '../adapters/notify/webhook-notifier.js';
import { SqlAlertStore } from '../adapters/sql/alert-sql-store.js';
import { SqlCaseStore } from '../adapters/sql/case-sql-store.js';
import { openSqlStores } from '../adapters/sql/index.js';
import { openSqlDatabase } from '../adapters/sql/open-sql-database.js';
import { createThreadTrainingBackend, searchThreadExecutor } from '../adapters/threads/index.js';
import { artifactRootOf, type Config } from '../config/index.js';
import type { SearchProgress } from '../core/search/index.js';
import type { OpenTrainFlowDeps } from '../pipelines/train/open-train-flow-deps.js';
import { alertServiceDeps } from '../services/alert-service-deps.js';
import { artifactsAt } from '../services/artifacts-at.js';

/**
 * Opens what the training flow needs: the tracking store and registry of `store.databaseUrl` (else
 * `<home>/amlops.db`) with its analysts' cases (`--from-cases`), the artifact store of `artifacts.uri` (else `<home>/artifacts`), the data
 * readers, and worker threads for the search and the refit.
 *
 * @example
 * const { deps, close } = await openTrainFlowDeps(config, process.cwd());
 */
export async function openTrainFlowDeps(
  config: Config,
  cwd: string,
  options: { onCandidate?: (progress: SearchProgress) => void } = {},
): Promise<OpenTrainFlowDeps> {
  const home = resolve(cwd, config.home);
  const databaseUrl = config['store.databaseUrl'] || `sqlite:${join(home, 'amlops.db')}`;
  const artifacts = openArtifactStore(artifactRootOf(config, cwd));
  const stores = await openSqlStores(databaseUrl, {
    artifactRoot: artifacts.rootUri,
    openArtifacts: (uri) => openArtifactStore(uri),
  });
  const database = await openSqlDatabase(databaseUrl);
  const alertStore = await SqlAlertStore.open(database);
  const cases = await SqlCaseStore.open(database);
  await database.close();
  const backend = createThreadTrainingBackend();
  return {
    deps: {
      config,
      readTable: (source) =>
        readTable(/^[a-z][a-z0-9+.-]+:\/\//i.test(source) ? source : resolve(cwd, source)),
      tracking: stores.tracking,
      registry: stores.registry,
      quality: stores.quality,
      cases,
      alerts: alertServiceDeps(config, alertStore, {
        webhook: (url) => new WebhookNotifier(url),
        log: (line) => process.stderr.write(`${line}\n`),
      }),
      openArtifacts: (uri) => artifactsAt(artifacts, uri),
      searchExecutor: searchThreadExecutor(),
      trainingBackend: backend,
      clock: () => performance.now() / 1000,
      now: Date.now,
      ...(options.onCandidate ? { onCandidate: options.onCandidate } : {}),
    },
    async close() {
      await backend.close();
      await alertStore.close();
      await cases.close();
      await stores.close();
    },
  };
}
