import { AmlopsError } from '../core/errors/index.js';
import type { ModelVersion } from '../core/tracking/index.js';
import type { ModelRegistry } from '../ports/model-registry.js';
import { checkDecision, type ProductionDecision } from './production-decision.js';
import { productionVersion } from './production-version.js';
import { CHALLENGER_ALIAS, PRODUCTION_ALIAS, PROMOTION_TAGS } from './promotion-tags.js';
import { recordRegistryDecision } from './record-registry-decision.js';

/** What {@link promoteModelVersion} did. */
export interface Promotion {
  /** The promoted version, as it is afterwards. */
  readonly version: ModelVersion;
  /** The version that was in production before, if any. */
  readonly previous: string | null;
  /** False when the version was in production already (nothing was written). */
  readonly changed: boolean;
  /** The promotion gate's reason, when the version was promoted although the gate failed it. */
  readonly override: string | null;
  readonly at: number;
}

/**
 * Puts a READY version in production: records the decision on it (tags `amlops.promoted_by`,
 * `amlops.promotion_reason`, `amlops.promoted_at`, `amlops.previous_production` and a line of its
 * description), then points the `production` alias at it and, for compatibility with the original,
 * moves it to stage Production with the previous Production version archived. The decision is
 * written before the alias moves, so that production never points at an unrecorded decision. A
 * version the promotion gate failed at training (tag `amlops.gate` `failed`) needs `force`, and its
 * promotion records the overridden reason (`amlops.promotion_override`). A promoted version is no
 * longer the challenger.
 *
 * @example
 * const { previous } = await promoteModelVersion(registry, { name: 'consumers-laundering-model', version: '4',
 *   by: 'alice', reason: 'test ROC AUC 0.93 vs 0.90' });
 */
export async function promoteModelVersion(
  registry: ModelRegistry,
  input: ProductionDecision & {
    readonly name: string;
    readonly version: string;
    readonly force?: boolean;
    /** Why this caller may not override the gate (a key without `admin`); absent: it may. */
    readonly overrideRefused?: string;
  },
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
  const tag = (key: string) => target.tags.find((t) => t.key === key)?.value;
  const gateFailed = tag(PROMOTION_TAGS.gate) === 'failed';
  const current = await productionVersion(registry, input.name);
  const at = now();
  if (
    current?.version === target.version &&
    target.currentStage === 'Production' &&
    target.aliases.includes(PRODUCTION_ALIAS)
  )
    return {
      version: target,
      previous: tag(PROMOTION_TAGS.previous) ?? null,
      changed: false,
      override: tag(PROMOTION_TAGS.override) ?? null,
      at,
    };
  const gateReason = tag(PROMOTION_TAGS.gateReason) ?? 'no reason recorded';
  if (gateFailed && !input.force)
    throw new AmlopsError(
      'PROMOTION_BELOW_GATE',
      `${target.name} version ${target.version} did not pass the promotion gate when it was trained (${gateReason}); promote it anyway with --force, recorded as an override`,
      { gateReason },
    );
  if (gateFailed && input.overrideRefused)
    throw new AmlopsError(
      'HTTP_FORBIDDEN',
      `${target.name} version ${target.version} did not pass the promotion gate (${gateReason}): overriding it needs an admin key; ${input.overrideRefused}`,
      { gateReason },
    );
  const override = gateFailed ? gateReason : null;
  const previous = current && current.version !== target.version ? current.version : null;
  const when = new Date(at).toISOString();
  await recordRegistryDecision(
    registry,
    target,
    [
      { key: PROMOTION_TAGS.promotedBy, value: by },
      { key: PROMOTION_TAGS.reason, value: reason },
      { key: PROMOTION_TAGS.promotedAt, value: when },
      { key: PROMOTION_TAGS.kind, value: 'promotion' },
      ...(previous ? [{ key: PROMOTION_TAGS.previous, value: previous }] : []),
      ...(override ? [{ key: PROMOTION_TAGS.override, value: override }] : []),
    ],
    `${when} promoted to production by ${by}${previous ? ` (replacing version ${previous})` : ''}${override ? `, overriding the promotion gate (${override})` : ''}: ${reason}`,
  );
  if (!override && tag(PROMOTION_TAGS.override) !== undefined)
    await registry.deleteModelVersionTag(target.name, target.version, PROMOTION_TAGS.override);
  // With nothing in production before, a predecessor recorded by an older promotion is stale.
  if (!current && target.tags.some((t) => t.key === PROMOTION_TAGS.previous))
    await registry.deleteModelVersionTag(target.name, target.version, PROMOTION_TAGS.previous);
  await registry.setAlias(target.name, PRODUCTION_ALIAS, target.version);
  await registry.transitionModelVersionStage(target.name, target.version, 'Production', true);
  if (target.aliases.includes(CHALLENGER_ALIAS)) await registry.deleteAlias(target.name, CHALLENGER_ALIAS);
  return {
    version: await registry.getModelVersion(target.name, target.version),
    previous,
    changed: true,
    override,
    at,
  };
}
