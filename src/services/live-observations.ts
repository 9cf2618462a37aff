import type { AlertRule } from '../core/alerts/alert-rule.js';
import { livePerformance } from '../core/evaluate/live-performance.js';
import { serviceWindow } from '../core/monitoring/service-window.js';
import type { QualityReport } from '../core/quality/quality-report.js';
import type { ModelVersion } from '../core/tracking/index.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { ServiceStatsStore } from '../ports/service-stats-store.js';
import type { TrackingStore } from '../ports/tracking-store.js';

/** A metric's value for one rule, or null with the reason it has none now (too few cases, no traffic). */
export interface Observation {
  readonly value: number | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly detail: string;
}

export interface LiveObservationDeps {
  readonly auditLog: Pick<AuditLog, 'labelledScores'>;
  readonly tracking: Pick<TrackingStore, 'getRun'>;
  readonly serviceStats: Pick<ServiceStatsStore, 'intervals'>;
  readonly now: () => number;
}

/** What the monitor flow knows when it evaluates the live rules. */
export interface LiveContext {
  /** The production version, when there is one. */
  readonly version?: ModelVersion;
  /** The live quality report of this run, or why there is none. */
  readonly live: { readonly report: QualityReport } | { readonly reason: string };
}

const pct = (share: number): string => `${(share * 100).toFixed(1)}%`;

/**
 * The value of each live and scoring rule's metric over its own window: drift from this run's live
 * report, live ROC AUC (and its drop from the test ROC AUC) from the cases analysts concluded on,
 * error rate and p99 latency from every scoring process's statistics. Rules on `training.*`
 * metrics are left out (the training flow evaluates them).
 *
 * @example
 * const observations = await liveObservations(deps, rules, { version, live: { report } });
 */
export async function liveObservations(
  deps: LiveObservationDeps,
  rules: readonly AlertRule[],
  context: LiveContext,
): Promise<Map<string, Observation>> {
  const now = deps.now();
  const { version } = context;
  const modelLabels: Record<string, string> = version
    ? { model: version.name, version: version.version }
    : {};
  const performance = new Map<number, ReturnType<typeof livePerformance>[number] | undefined>();
  const performanceOver = async (windowMs: number) => {
    if (!version) return undefined;
    if (!performance.has(windowMs)) {
      const labelled = await deps.auditLog.labelledScores({
        modelName: version.name,
        modelVersion: version.version,
        since: now - windowMs,
      });
      performance.set(windowMs, livePerformance(labelled)[0]);
    }
    return performance.get(windowMs);
  };
  let testRocAuc: number | null | undefined;
  const observations = new Map<string, Observation>();
  for (const rule of rules) {
    const none = (detail: string, labels = modelLabels): Observation => ({ value: null, labels, detail });
    if (rule.metric.startsWith('training.')) continue;
    if (rule.metric === 'scoring.error_rate' || rule.metric === 'scoring.p99_ms') {
      const window = serviceWindow(
        await deps.serviceStats.intervals({ since: now - rule.windowMs, until: now + 1 }),
      );
      const labels = { service: 'scoring' };
      if (window.requests === 0)
        observations.set(rule.name, none('no scoring request in the window', labels));
      else if (rule.metric === 'scoring.error_rate')
        observations.set(rule.name, {
          value: window.errorRate,
          labels,
          detail: `${window.serverErrors} of ${window.requests} scoring requests answered 5xx`,
        });
      else
        observations.set(rule.name, {
          value: window.p99Ms,
          labels,
          detail: `p99 ${window.p99Ms?.toFixed(2)} ms over ${window.requests} scoring requests`,
        });
      continue;
    }
    if (!version) {
      observations.set(rule.name, none('no version in production'));
      continue;
    }
    if (rule.metric === 'live.drift_share' || rule.metric === 'live.score_drift') {
      if (!('report' in context.live)) {
        observations.set(rule.name, none(context.live.reason));
        continue;
      }
      const { report } = context.live;
      if (report.current.rows < Math.max(1, rule.minCases))
        observations.set(
          rule.name,
          none(`${report.current.rows} cases in the window, fewer than ${Math.max(1, rule.minCases)}`),
        );
      else if (rule.metric === 'live.drift_share')
        observations.set(rule.name, {
          value: report.drift.share,
          labels: modelLabels,
          detail: `${report.drift.drifted} of ${report.drift.columns} columns drifted (${pct(report.drift.share)}) over ${report.current.rows} cases`,
        });
      else if (report.drift.score === null) observations.set(rule.name, none('no scores to compare'));
      else
        observations.set(rule.name, {
          value: report.drift.score.drifted ? 1 : 0,
          labels: modelLabels,
          detail: `score distribution: ${report.drift.score.stattestLabel} ${report.drift.score.score.toFixed(4)} (threshold ${report.drift.score.threshold})`,
        });
      continue;
    }
    // live.roc_auc and live.roc_auc_drop: the cases analysts concluded on in the window.
    const measured = await performanceOver(rule.windowMs);
    const concluded = measured?.labelled ?? 0;
    if (concluded < Math.max(1, rule.minCases)) {
      observations.set(
        rule.name,
        none(`${concluded} concluded cases in the window, fewer than ${rule.minCases}`),
      );
      continue;
    }
    if (measured?.rocAuc === null || measured?.rocAuc === undefined) {
      observations.set(rule.name, none(`the ${concluded} concluded cases are all of one class`));
      continue;
    }
    const detail = `${concluded} concluded cases (${measured.positives} laundering)`;
    if (rule.metric === 'live.roc_auc') {
      observations.set(rule.name, {
        value: measured.rocAuc,
        labels: modelLabels,
        detail: `live ROC AUC over ${detail}`,
      });
      continue;
    }
    testRocAuc ??= version.runId
      ? ((await deps.tracking.getRun(version.runId)).data.metrics.find((m) => m.key === 'test_roc_auc')
          ?.value ?? null)
      : null;
    if (testRocAuc === null)
      observations.set(rule.name, none('the version has no test ROC AUC to compare with'));
    else
      observations.set(rule.name, {
        value: testRocAuc - measured.rocAuc,
        labels: modelLabels,
        detail: `test ROC AUC ${testRocAuc.toFixed(4)}, live ${measured.rocAuc.toFixed(4)} over ${detail}`,
      });
  }
  return observations;
}
