import { AmlopsError } from '../core/errors/index.js';
import { livePerformance, type VersionPerformance } from '../core/evaluate/live-performance.js';
import { type LiveSegments, segmentLiveBreakdown } from '../core/evaluate/segment-live-breakdown.js';
import type { SegmentThreshold } from '../core/evaluate/segment-report.js';
import type { ModelVersion } from '../core/tracking/index.js';
import type { AuditLog, LabelledInputs, LabelledScoreQuery } from '../ports/audit-log.js';
import type { PlatformStores } from './platform-stores.js';
import { recordedAlertThreshold } from './recorded-alert-threshold.js';
import { versionEvaluation } from './version-evaluation.js';

/** A version's live performance, whole and by segment of one column. */
export interface VersionSegmentPerformance extends VersionPerformance {
  readonly segments: LiveSegments;
}

type Stores = Pick<PlatformStores, 'tracking' | 'registry' | 'artifacts'>;

/** The version as registered; undefined when it is not (deleted since it scored). */
async function registeredVersion(
  stores: Stores,
  name: string,
  version: string,
): Promise<ModelVersion | undefined> {
  try {
    return await stores.registry.getModelVersion(name, version);
  } catch (error) {
    if (error instanceof AmlopsError && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

/**
 * Live performance of each model version (as `livePerformance`), each with its concluded cases
 * broken down by the input `column` (`amlops predictions performance --by COLUMN`, `GET
 * /api/v1/predictions/performance?by=COLUMN`): the version's own segments (a numeric column cut at
 * its training split's cuts, kept in its evaluation) measured at its alert threshold when one is
 * recorded, else at the operating threshold of its evaluation.
 *
 * @example
 * const [v] = await liveSegmentPerformance({ auditLog, stores }, { modelName: 'consumers-laundering-model' }, 'risk_pld');
 * v.segments.breakdown?.segments; // [{ segment: 'HIGH', count: 120, positives: 41, rocAuc: 0.84, … }, …]
 */
export async function liveSegmentPerformance(
  deps: { readonly auditLog: Pick<AuditLog, 'labelledInputs'>; readonly stores: Stores },
  query: LabelledScoreQuery,
  column: string,
): Promise<VersionSegmentPerformance[]> {
  if (column.trim() === '')
    throw new AmlopsError('USAGE', 'name the input column to break the cases down by');
  const cases = await deps.auditLog.labelledInputs(query);
  const byVersion = new Map<string, LabelledInputs[]>();
  for (const c of cases) {
    const key = `${c.modelName}\u0000${c.modelVersion}`;
    const list = byVersion.get(key);
    if (list) list.push(c);
    else byVersion.set(key, [c]);
  }
  const versions = livePerformance(cases);
  return Promise.all(
    versions.map(async (performance) => {
      const own = byVersion.get(`${performance.modelName}\u0000${performance.modelVersion}`)!;
      const registered = await registeredVersion(
        deps.stores,
        performance.modelName,
        performance.modelVersion,
      );
      const evaluation = registered ? await versionEvaluation(deps.stores, registered) : undefined;
      const recorded = registered ? recordedAlertThreshold(registered) : null;
      const threshold: SegmentThreshold | null = recorded
        ? { value: recorded.value, source: 'alert-threshold' }
        : evaluation?.operatingThreshold != null
          ? { value: evaluation.operatingThreshold, source: 'operating' }
          : null;
      const training = evaluation?.breakdowns.find((b) => b.column === column);
      return {
        ...performance,
        segments: segmentLiveBreakdown(own, column, { threshold, ...(training ? { training } : {}) }),
      };
    }),
  );
}
