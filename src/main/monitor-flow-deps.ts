import { openArtifactStore } from '../adapters/artifacts/index.js';
import { WebhookNotifier } from '../adapters/notify/webhook-notifier.js';
import { SqlAlertStore } from '../adapters/sql/alert-sql-store.js';
import { openAuditLog } from '../adapters/sql/audit-open-log.js';
import { openSqlStores } from '../adapters/sql/index.js';
import { openSqlDatabase } from '../adapters/sql/open-sql-database.js';
import { SqlServiceStatsStore } from '../adapters/sql/service-stats-sql-store.js';
import { ThreadedWindowReader } from '../adapters/threads/threaded-window-reader.js';
import { artifactRootOf, type Config, databaseUrlOf } from '../config/index.js';
import type { MonitorFlowDeps } from '../pipelines/monitor/monitor-flow-deps.js';
import { alertServiceDeps } from '../services/alert-service-deps.js';
import { artifactsAt } from '../services/artifacts-at.js';

/** The monitor flow's dependencies, opened from the configuration, and how to close them. */
export interface OpenMonitorFlowDeps {
  readonly deps: MonitorFlowDeps;
  close(): Promise<void>;
}

/**
 * Opens what the monitor flow reads and writes: the registry, tracking store, quality reports,
 * service statistics and alerts of `store.databaseUrl` (else `<home>/amlops.db`), its audit log
 * (live windows read on every core),
 * the artifact store, and the alert rules and notifier of the configuration.
 *
 * @example
 * const { deps, close } = await openMonitorFlowDeps(config, process.cwd());
 */
export async function openMonitorFlowDeps(config: Config, cwd: string): Promise<OpenMonitorFlowDeps> {
  const databaseUrl = databaseUrlOf(config, cwd);
  const artifacts = openArtifactStore(artifactRootOf(config, cwd));
  const stores = await openSqlStores(databaseUrl, {
    artifactRoot: artifacts.rootUri,
    openArtifacts: (uri) => openArtifactStore(uri),
  });
  const database = await openSqlDatabase(databaseUrl);
  const serviceStats = await SqlServiceStatsStore.open(database);
  const alertStore = await SqlAlertStore.open(database);
  const auditLog = await openAuditLog(databaseUrl);
  // The live window is read on every core; the rest of the audit log through its store.
  const windows = new ThreadedWindowReader(databaseUrl, database);
  return {
    deps: {
      config,
      registry: stores.registry,
      tracking: stores.tracking,
      quality: stores.quality,
      openArtifacts: (uri) => artifactsAt(artifacts, uri),
      auditLog: {
        scoredWindow: (query) => windows.scoredWindow(query),
        labelledScores: (query) => auditLog.labelledScores(query),
      },
      serviceStats,
      alerts: alertServiceDeps(config, alertStore, {
        webhook: (url) => new WebhookNotifier(url),
        log: (line) => process.stderr.write(`${line}\n`),
      }),
      now: Date.now,
    },
    async close() {
      await database.close();
      await auditLog.close();
      await serviceStats.close();
      await alertStore.close();
      await stores.close();
    },
  };
}
