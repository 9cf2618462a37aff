import { isAmlopsError } from '../../core/errors/index.js';
import type { QualityReport } from '../../core/quality/quality-report.js';
import { deliverAlerts, evaluateAlerts } from '../../services/alert-service.js';
import { liveObservations, type Observation } from '../../services/live-observations.js';
import { liveQualityReport } from '../../services/live-quality-report.js';
import { productionVersion } from '../../services/production-version.js';
import type { FlowStep } from '../flow-step.js';
import type { MonitorFlowDeps } from './monitor-flow-deps.js';

/** The steps of the monitor flow, in order. */
export const MONITOR_STEPS = ['drift', 'observe', 'alerts'] as const;

/** Why there is no live report this time (no version in production, no reference sample). */
const REASONS = new Set(['NOT_FOUND', 'QUALITY_REFERENCE_MISSING']);

/**
 * The monitor flow: `drift` makes the live quality report of the production version (its last
 * `monitoring.windowHours` of scored cases against its training data); `observe` computes each live
 * and scoring rule's metric over its window; `alerts` evaluates the rules, records their
 * transitions and delivers the notifications that are due.
 *
 * @example
 * await runFlow(monitorFlow(deps), { recorder });
 */
export function monitorFlow(deps: MonitorFlowDeps): FlowStep[] {
  let report: QualityReport | undefined;
  const drift = async (): Promise<Record<string, unknown>> => {
    try {
      const live = await liveQualityReport(deps, {
        modelName: deps.config['model.name'],
        windowMs: deps.config['monitoring.windowHours'] * 3_600_000,
        maxCases: deps.config['monitoring.maxCases'],
      });
      report = live.report;
      return {
        reportId: live.summary.id,
        model: live.version.name,
        version: live.version.version,
        casesInWindow: live.casesInWindow,
        casesRead: live.report.current.rows,
        driftedColumns: live.report.drift.drifted,
        testedColumns: live.report.drift.columns,
        driftShare: live.report.drift.share,
        datasetDrift: live.report.drift.datasetDrift,
        scoreDrift: live.report.drift.score?.drifted ?? null,
      };
    } catch (error) {
      if (isAmlopsError(error) && REASONS.has(error.code)) return { skipped: error.message };
      throw error;
    }
  };
  const observe = async ({ outputs }: { outputs: Readonly<Record<string, unknown>> }) => {
    const driftOutput = outputs.drift as { reportId?: string; skipped?: string };
    // A retried run in a new process reads the report this run stored.
    if (!report && driftOutput.reportId) report = (await deps.quality.getReport(driftOutput.reportId)).report;
    const version = await productionVersion(deps.registry, deps.config['model.name']).catch(() => undefined);
    const observations = await liveObservations({ ...deps, auditLog: deps.auditLog }, deps.alerts.rules, {
      ...(version ? { version } : {}),
      live: report ? { report } : { reason: driftOutput.skipped ?? 'no live report' },
    });
    return { observations: Object.fromEntries(observations) };
  };
  const alerts = async ({ outputs }: { outputs: Readonly<Record<string, unknown>> }) => {
    const observed = (outputs.observe as { observations: Record<string, Observation> }).observations;
    const transitions = await evaluateAlerts(deps.alerts, new Map(Object.entries(observed)));
    const deliveries = await deliverAlerts(deps.alerts);
    return {
      transitions: transitions.map((t) => ({
        rule: t.rule,
        from: t.from,
        to: t.to,
        value: t.value,
        message: t.message,
      })),
      deliveries,
    };
  };
  return [
    { name: 'drift', retries: 1, retryDelayMs: 1000, run: drift },
    { name: 'observe', retries: 1, retryDelayMs: 1000, run: observe },
    { name: 'alerts', retries: 2, retryDelayMs: 1000, run: alerts },
  ];
}
