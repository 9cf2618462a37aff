import { livePerformance } from '../core/evaluate/live-performance.js';
import type { AlertStore } from '../ports/alert-store.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { ModelRegistry } from '../ports/model-registry.js';
import type { QualityReportStore } from '../ports/quality-report-store.js';
import type { TrackingStore } from '../ports/tracking-store.js';
import { productionVersion } from './production-version.js';

/** The model's quality as monitoring last saw it: what `/metrics` exports as gauges. */
export interface MonitoringSnapshot {
  readonly production: {
    readonly model: string;
    readonly version: string;
    readonly testRocAuc: number | null;
    /** On every case analysts concluded on that this version scored. */
    readonly liveRocAuc: number | null;
    readonly concludedCases: number;
  } | null;
  /** The newest live report of the production version, unless its window held no case. */
  readonly drift: {
    readonly share: number;
    readonly datasetDrift: boolean;
    readonly scoreDrift: boolean | null;
    readonly at: number;
  } | null;
  /** Each rule's state, with its severity. */
  readonly alerts: readonly { readonly rule: string; readonly severity: string; readonly state: string }[];
}

export interface MonitoringSnapshotDeps {
  readonly registry: ModelRegistry;
  readonly tracking: Pick<TrackingStore, 'getRun'>;
  readonly auditLog: Pick<AuditLog, 'labelledScores'>;
  readonly quality: Pick<QualityReportStore, 'listReports'>;
  readonly alerts: Pick<AlertStore, 'states'>;
  /** Every configured rule's severity, by name (rules no longer configured are left out). */
  readonly rules: readonly { readonly name: string; readonly severity: string }[];
  readonly modelName: string;
}

/**
 * Reads the production version's test and live ROC AUC, the newest live drift figures and every
 * alert's state from the stores.
 *
 * @example
 * const snapshot = await monitoringSnapshot(deps); // snapshot.production?.testRocAuc === 0.93
 */
export async function monitoringSnapshot(deps: MonitoringSnapshotDeps): Promise<MonitoringSnapshot> {
  const version = await productionVersion(deps.registry, deps.modelName).catch(() => undefined);
  let production: MonitoringSnapshot['production'] = null;
  let drift: MonitoringSnapshot['drift'] = null;
  if (version) {
    const run = version.runId ? await deps.tracking.getRun(version.runId).catch(() => undefined) : undefined;
    const live = livePerformance(
      await deps.auditLog.labelledScores({ modelName: version.name, modelVersion: version.version }),
    )[0];
    production = {
      model: version.name,
      version: version.version,
      testRocAuc: run?.data.metrics.find((m) => m.key === 'test_roc_auc')?.value ?? null,
      liveRocAuc: live?.rocAuc ?? null,
      concludedCases: live?.labelled ?? 0,
    };
    const [latest] = (
      await deps.quality.listReports({
        kind: 'live',
        modelName: version.name,
        modelVersion: version.version,
        maxResults: 1,
      })
    ).items;
    // A window without cases measured nothing: the figure is unknown, not 0.
    if (latest && latest.currentRows > 0)
      drift = {
        share: latest.driftShare,
        datasetDrift: latest.datasetDrift,
        scoreDrift: latest.scoreDrift,
        at: latest.createdAt,
      };
  }
  const severity = new Map(deps.rules.map((r) => [r.name, r.severity]));
  const alerts = (await deps.alerts.states())
    .filter((s) => severity.has(s.rule))
    .map((s) => ({ rule: s.rule, severity: severity.get(s.rule)!, state: s.state }));
  return { production, drift, alerts };
}
