import { Gauge, type Registry } from 'prom-client';
import type { MonitoringSnapshot } from '../../services/monitoring-snapshot.js';

/** How long a snapshot read from the store serves scrapes. */
const CACHE_MS = 15_000;

/**
 * The model-quality gauges of `/metrics`, read from the store when scraped (at most every 15 s):
 * the production version's test ROC AUC, its live ROC AUC and concluded cases, the newest live
 * drift figures, and the alerts by state. A series is absent while its figure is unknown.
 *
 * @example
 * registerModelQualityGauges(metrics.registry, () => monitoringSnapshot(deps));
 */
export function registerModelQualityGauges(
  registry: Registry,
  read: () => Promise<MonitoringSnapshot>,
  now: () => number = Date.now,
): void {
  let cached: { at: number; snapshot: Promise<MonitoringSnapshot> } | undefined;
  const snapshot = (): Promise<MonitoringSnapshot> => {
    if (!cached || now() - cached.at >= CACHE_MS) {
      const pending = read();
      cached = { at: now(), snapshot: pending };
      // A failed read is not cached: the next scrape tries again.
      pending.catch(() => {
        if (cached?.snapshot === pending) cached = undefined;
      });
    }
    return cached.snapshot;
  };
  const registers = [registry];
  const modelGauge = (
    name: string,
    help: string,
    read: (s: MonitoringSnapshot) => number | null | undefined,
  ) =>
    new Gauge({
      name,
      help,
      labelNames: ['model_name', 'model_version'],
      registers,
      // Every worker of a cluster reads the same store.
      aggregator: 'first',
      async collect() {
        this.reset();
        const s = await snapshot().catch(() => undefined);
        const value = s ? read(s) : null;
        if (s?.production && value !== null && value !== undefined && Number.isFinite(value))
          this.set({ model_name: s.production.model, model_version: s.production.version }, value);
      },
    });
  modelGauge(
    'amlops_model_test_roc_auc',
    'Test ROC AUC of the production version',
    (s) => s.production?.testRocAuc,
  );
  modelGauge(
    'amlops_model_live_roc_auc',
    'ROC AUC of the production version on the cases analysts concluded on (absent while one class only)',
    (s) => s.production?.liveRocAuc,
  );
  modelGauge(
    'amlops_model_concluded_cases',
    'Cases the production version scored that analysts concluded on',
    (s) => s.production?.concludedCases,
  );
  modelGauge(
    'amlops_drift_share',
    "Share of feature columns drifting in the production version's newest live report",
    (s) => s.drift?.share,
  );
  modelGauge(
    'amlops_dataset_drift',
    'Whether the newest live report found dataset drift (1) or not (0)',
    (s) => (s.drift ? Number(s.drift.datasetDrift) : null),
  );
  modelGauge(
    'amlops_score_drift',
    'Whether the newest live report found the score distribution drifting (1) or not (0)',
    (s) =>
      s.drift?.scoreDrift === null || s.drift?.scoreDrift === undefined ? null : Number(s.drift.scoreDrift),
  );
  new Gauge({
    name: 'amlops_alerts',
    help: 'Alert rules by severity and state (ok, pending, firing, resolved)',
    labelNames: ['severity', 'state'],
    registers,
    aggregator: 'first',
    async collect() {
      this.reset();
      const s = await snapshot().catch(() => undefined);
      for (const severity of ['critical', 'warning', 'info'])
        for (const state of ['ok', 'pending', 'firing', 'resolved'])
          this.set(
            { severity, state },
            s ? s.alerts.filter((a) => a.severity === severity && a.state === state).length : 0,
          );
    },
  });
}
