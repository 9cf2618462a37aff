import type { ModelStage, ModelVersion, ModelVersionStatus, Run } from '../core/tracking/index.js';
import { PROMOTION_TAGS } from './promotion-tags.js';

/** The last production decision recorded on a version. */
export interface RecordedPromotion {
  readonly by: string;
  readonly reason: string;
  readonly at: string;
  readonly kind: string;
  readonly previous: string | null;
}

/** A model version as people look at it: its state, where it comes from and how well it did. */
export interface VersionDetails {
  readonly name: string;
  readonly version: string;
  readonly stage: ModelStage;
  readonly aliases: readonly string[];
  readonly status: ModelVersionStatus;
  readonly statusMessage: string;
  /** The run that made it, or '' for a version registered from elsewhere (an XGBoost import). */
  readonly runId: string;
  readonly source: string;
  readonly creationTime: number;
  readonly description: string;
  readonly tags: Readonly<Record<string, string>>;
  /** The latest metrics of the source run (empty when there is none). */
  readonly metrics: Readonly<Record<string, number>>;
  readonly promotion: RecordedPromotion | null;
}

/**
 * A version with the metrics of its source run and its last recorded production decision.
 *
 * @example
 * const details = versionDetails(version, await tracking.getRun(version.runId));
 * details.metrics.test_roc_auc; // 0.91
 */
export function versionDetails(version: ModelVersion, run: Run | undefined): VersionDetails {
  const tags = Object.fromEntries(version.tags.map((t) => [t.key, t.value]));
  const by = tags[PROMOTION_TAGS.promotedBy];
  return {
    name: version.name,
    version: version.version,
    stage: version.currentStage,
    aliases: version.aliases,
    status: version.status,
    statusMessage: version.statusMessage,
    runId: version.runId,
    source: version.source,
    creationTime: version.creationTime,
    description: version.description,
    tags,
    metrics: Object.fromEntries((run?.data.metrics ?? []).map((m) => [m.key, m.value])),
    promotion:
      by === undefined
        ? null
        : {
            by,
            reason: tags[PROMOTION_TAGS.reason] ?? '',
            at: tags[PROMOTION_TAGS.promotedAt] ?? '',
            kind: tags[PROMOTION_TAGS.kind] ?? 'promotion',
            previous: tags[PROMOTION_TAGS.previous] ?? null,
          },
  };
}
