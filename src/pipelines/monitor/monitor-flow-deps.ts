import type { Config } from '../../config/index.js';
import type { ArtifactStore } from '../../ports/artifact-store.js';
import type { AuditLog } from '../../ports/audit-log.js';
import type { ModelRegistry } from '../../ports/model-registry.js';
import type { QualityReportStore } from '../../ports/quality-report-store.js';
import type { ServiceStatsStore } from '../../ports/service-stats-store.js';
import type { TrackingStore } from '../../ports/tracking-store.js';
import type { AlertServiceDeps } from '../../services/alert-service.js';

/** What the monitor flow needs from the world, injected by the composition root. */
export interface MonitorFlowDeps {
  readonly config: Pick<Config, 'model.name' | 'monitoring.windowHours' | 'monitoring.maxCases'>;
  readonly registry: ModelRegistry;
  readonly tracking: TrackingStore;
  readonly openArtifacts: (uri: string) => ArtifactStore;
  readonly auditLog: Pick<AuditLog, 'scoredWindow' | 'labelledScores'>;
  readonly quality: QualityReportStore;
  readonly serviceStats: Pick<ServiceStatsStore, 'intervals'>;
  readonly alerts: AlertServiceDeps;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
}
