import { AmlopsError } from '../core/errors/index.js';
import type { SegmentBreakdown } from '../core/evaluate/segment-breakdown.js';
import type { ModelVersion } from '../core/tracking/index.js';
import type { ArtifactStore } from '../ports/artifact-store.js';
import type { TrackingStore } from '../ports/tracking-store.js';
import { artifactsAt } from './artifacts-at.js';

/** What live performance by segment takes from a version's test evaluation. */
export interface VersionEvaluation {
  /** The training run whose `evaluation.json` was read. */
  readonly runId: string;
  /** The operating threshold its evaluation chose; null when the file has none. */
  readonly operatingThreshold: number | null;
  /** The evaluation's breakdowns by segment (empty when written before amlops kept them). */
  readonly breakdowns: readonly Pick<SegmentBreakdown, 'column' | 'kind' | 'cuts'>[];
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** The breakdowns of a parsed `report.segments`, those well formed (a damaged entry is left out). */
function breakdownsIn(segments: unknown): VersionEvaluation['breakdowns'] {
  const list = (segments as { breakdowns?: unknown } | null | undefined)?.breakdowns;
  if (!Array.isArray(list)) return [];
  return list.flatMap((b: Partial<SegmentBreakdown> | null): VersionEvaluation['breakdowns'] => {
    if (typeof b !== 'object' || b === null || typeof b.column !== 'string') return [];
    if (b.kind === 'value') return [{ column: b.column, kind: 'value', cuts: null }];
    if (b.kind === 'band' && Array.isArray(b.cuts) && b.cuts.every(finite))
      return [{ column: b.column, kind: 'band', cuts: b.cuts }];
    return [];
  });
}

/**
 * The test evaluation of the run that trained a version (its `evaluation.json`): the operating
 * threshold and how each column was cut into segments. Undefined when the version was not trained
 * by amlops (imported), or its run or file is gone or unreadable.
 *
 * @example
 * const evaluation = await versionEvaluation(stores, version);
 * evaluation?.breakdowns.find((b) => b.column === 'total_outcome_dollar_amount')?.cuts; // [310.5, 1305.06, 4800]
 */
export async function versionEvaluation(
  stores: { readonly tracking: TrackingStore; readonly artifacts: ArtifactStore },
  version: Pick<ModelVersion, 'runId'>,
): Promise<VersionEvaluation | undefined> {
  if (!version.runId) return undefined;
  try {
    const run = await stores.tracking.getRun(version.runId);
    const bytes = await artifactsAt(stores.artifacts, run.info.artifactUri).get('evaluation.json');
    const parsed = JSON.parse(new TextDecoder().decode(bytes)) as { report?: unknown } | null;
    const report = parsed?.report as { threshold?: { value?: unknown }; segments?: unknown } | undefined;
    if (typeof report !== 'object' || report === null) return undefined;
    const threshold = report.threshold?.value;
    return {
      runId: run.info.runId,
      operatingThreshold: finite(threshold) ? threshold : null,
      breakdowns: breakdownsIn(report.segments),
    };
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    if (error instanceof AmlopsError && (error.code === 'NOT_FOUND' || error.code === 'FILE_NOT_FOUND'))
      return undefined;
    throw error;
  }
}
