import { AmlopsError } from '../core/errors/index.js';
import type { ModelVersion } from '../core/tracking/index.js';
import type { ModelRegistry } from '../ports/model-registry.js';
import { checkDecision, type ProductionDecision } from './production-decision.js';
import { productionVersion } from './production-version.js';
import { PRODUCTION_ALIAS, PROMOTION_TAGS } from './promotion-tags.js';
import { recordProductionChange } from './record-production-change.js';

/** What {@link promoteModelVersion} did. */
export interface Promotion {
  /** The promoted version, as it is afterwards. */
  readonly version: ModelVersion;
  /** The version that was in production before, if any. */
  readonly previous: string | null;
  /** False when the version was in production already (nothing was written). */
  readonly changed: boolean;
  readonly at: number;
}

/**
 * Puts a READY version in production: records the decision on it (tags `amlops.promoted_by`,
 * `amlops.promotion_reason`, `amlops.promoted_at`, `amlops.previous_production` and a line of its
 * description), then points the `production` alias at it and, for compatibility with the original,
 * moves it to stage Production with the previous Production version archived. The decision is
 * written before the alias moves, so that production never points at an unrecorded decision.
 *
 * @example
 * const { previous } = await promoteModelVersion(registry, { name: 'consumers-laundering-model', version: '4',
 *   by: 'alice', reason: 'test ROC AUC 0.93 vs 0.90' });
 */
export async function promoteModelVersion(
  registry: ModelRegistry,
  input: ProductionDecision & { readonly name: string; readonly version: string },
  now: () => number = Date.now,
): Promise<Promotion> {
  const { by, reason } = checkDecision(input);
  const target = await registry.getModelVersion(input.name, input.version);
  if (target.status !== 'READY')
    throw new AmlopsError(
      'INVALID_STATE',
      `model version ${target.name}/${target.version} is ${target.status}; only READY versions can be promoted`,
      { status: target.status },
    );
  const current = await productionVersion(registry, input.name);
  const at = now();
  if (
    current?.version === target.version &&
    target.currentStage === 'Production' &&
    target.aliases.includes(PRODUCTION_ALIAS)
  )
    return {
      version: target,
      previous: target.tags.find((t) => t.key === PROMOTION_TAGS.previous)?.value ?? null,
      changed: false,
      at,
    };
  const previous = current && current.version !== target.version ? current.version : null;
  const when = new Date(at).toISOString();
  await recordProductionChange(
    registry,
    target,
    [
      { key: PROMOTION_TAGS.promotedBy, value: by },
      { key: PROMOTION_TAGS.reason, value: reason },
      { key: PROMOTION_TAGS.promotedAt, value: when },
      { key: PROMOTION_TAGS.kind, value: 'promotion' },
      ...(previous ? [{ key: PROMOTION_TAGS.previous, value: previous }] : []),
    ],
    `${when} promoted to production by ${by}${previous ? ` (replacing version ${previous})` : ''}: ${reason}`,
  );
  // With nothing in production before, a predecessor recorded by an older promotion is stale.
  if (!current && target.tags.some((t) => t.key === PROMOTION_TAGS.previous))
    await registry.deleteModelVersionTag(target.name, target.version, PROMOTION_TAGS.previous);
  await registry.setAlias(target.name, PRODUCTION_ALIAS, target.version);
  await registry.transitionModelVersionStage(target.name, target.version, 'Production', true);
  return {
    version: await registry.getModelVersion(target.name, target.version),
    previous,
    changed: true,
    at,
  };
}
