import { AmlopsError } from '../core/errors/index.js';
import { buildQualityReport } from '../core/quality/build-quality-report.js';
import { parseReferenceSample } from '../core/quality/parse-reference-sample.js';
import type { QualityReport } from '../core/quality/quality-report.js';
import { qualityTableFromCases } from '../core/quality/quality-table-from-cases.js';
import { qualityTableFromReference } from '../core/quality/quality-table-from-reference.js';
import type { ModelVersion } from '../core/tracking/index.js';
import type { ArtifactStore } from '../ports/artifact-store.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { ModelRegistry } from '../ports/model-registry.js';
import type { QualityReportStore, QualityReportSummary } from '../ports/quality-report-store.js';
import type { TrackingStore } from '../ports/tracking-store.js';
import { productionVersion } from './production-version.js';

/** Where a training run keeps the sample of its training data that live traffic is compared with. */
export const REFERENCE_SAMPLE_PATH = 'reference-sample.json';

export interface LiveQualityDeps {
  readonly registry: ModelRegistry;
  readonly tracking: TrackingStore;
  readonly openArtifacts: (uri: string) => ArtifactStore;
  readonly auditLog: Pick<AuditLog, 'scoredWindow'>;
  readonly quality: QualityReportStore;
  readonly now: () => number;
}

export interface LiveQualityOptions {
  readonly modelName: string;
  /** The window of traffic, ending now, in milliseconds. */
  readonly windowMs: number;
  /** Most cases read, the newest first. */
  readonly maxCases: number;
}

/** A stored live report, with the version it watched and how many cases of the window it read. */
export interface LiveQualityResult {
  readonly summary: QualityReportSummary;
  readonly report: QualityReport;
  readonly version: ModelVersion;
  /** Cases the version scored in the window; `report.current.rows` of them were read. */
  readonly casesInWindow: number;
}

/**
 * The live data quality and drift report: the cases the production version scored in the last
 * window (from the audit log, newest first up to `maxCases`) against the sample of its training
 * data kept with its training run, features and scores; stored as a `live` report.
 * NOT_FOUND when no version is in production; QUALITY_REFERENCE_MISSING when the version's
 * run kept no reference sample (trained before it was kept, or imported).
 *
 * @example
 * const { summary } = await liveQualityReport(deps, { modelName: 'consumers-laundering-model', windowMs: 86_400_000, maxCases: 1_000_000 });
 */
export async function liveQualityReport(
  deps: LiveQualityDeps,
  options: LiveQualityOptions,
): Promise<LiveQualityResult> {
  const version = await productionVersion(deps.registry, options.modelName);
  if (!version)
    throw new AmlopsError('NOT_FOUND', `model ${options.modelName} has no version in production to monitor`, {
      model: options.modelName,
    });
  const until = deps.now();
  const since = until - options.windowMs;
  const [sample, window] = await Promise.all([
    readReferenceSample(deps, version),
    deps.auditLog.scoredWindow({
      modelName: version.name,
      modelVersion: version.version,
      since,
      until,
      limit: options.maxCases,
    }),
  ]);
  const hours = options.windowMs / 3_600_000;
  const reference = qualityTableFromReference(`training data of version ${version.version} (sample)`, sample);
  const current = qualityTableFromCases(
    `cases version ${version.version} scored in the last ${Number.isInteger(hours) ? `${hours} h` : `${options.windowMs / 1000} s`}${window.total > window.rows ? ` (newest ${window.rows} of ${window.total})` : ''}`,
    window,
    sample,
  );
  const report = buildQualityReport(reference, current);
  const summary = await deps.quality.saveReport({
    kind: 'live',
    createdAt: until,
    modelName: version.name,
    modelVersion: version.version,
    runId: version.runId,
    windowStart: since,
    windowEnd: until,
    report,
  });
  return { summary, report, version, casesInWindow: window.total };
}

async function readReferenceSample(deps: LiveQualityDeps, version: ModelVersion) {
  const missing = (why: string) =>
    new AmlopsError(
      'QUALITY_REFERENCE_MISSING',
      `version ${version.version} of ${version.name} has no reference sample of its training data (${why}): retrain it to monitor live drift`,
      { model: version.name, version: version.version },
    );
  if (!version.runId) throw missing('it has no training run');
  const run = await deps.tracking.getRun(version.runId);
  const files = deps.openArtifacts(run.info.artifactUri);
  if (!(await files.exists(REFERENCE_SAMPLE_PATH)))
    throw missing(`no ${REFERENCE_SAMPLE_PATH} in its run's artifacts`);
  const text = new TextDecoder().decode(await files.get(REFERENCE_SAMPLE_PATH));
  try {
    return parseReferenceSample(JSON.parse(text));
  } catch (error) {
    throw missing(`${REFERENCE_SAMPLE_PATH} is damaged: ${(error as Error).message}`);
  }
}
