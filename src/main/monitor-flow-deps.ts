import { openArtifactStore } from '../adapters/artifacts/index.js';
import { WebhookNotifier } from '../adapters/notify/webhook-notifier.js';
import { SqlAlertStore } from '../adapters/sql/alert-sql-store.js';
import { SqlAuditLog } from '../adapters/sql/audit-sql-log.js';
import { SqlModelRegistry, SqlQualityReportStore, SqlTrackingStore } from '../adapters/sql/index.js';
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
  // One connection (pool) for every store: opened and migrated once.
  const database = await openSqlDatabase(databaseUrl);
  const storeOptions = {
    artifactRoot: artifacts.rootUri,
    openArtifacts: (uri: string) => openArtifactStore(uri),
  };
  const tracking = await SqlTrackingStore.open(database, storeOptions);
  const registry = await SqlModelRegistry.open(database, storeOptions);
  const quality = await SqlQualityReportStore.open(database);
  const serviceStats = await SqlServiceStatsStore.open(database);
  const alertStore = await SqlAlertStore.open(database);
  const auditLog = await SqlAuditLog.open(database);
  // The live window is read on every core; the rest of the audit log through its store.
  const windows = new ThreadedWindowReader(databaseUrl, database);
  return {
    deps: {
      config,
      registry,
      tracking,
      quality,
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
      await tracking.close();
      await registry.close();
      await quality.close();
    },
  };
}
