import { AmlopsError } from '../core/errors/index.js';
import type { ModelVersion } from '../core/tracking/index.js';
import type { ModelRegistry } from '../ports/model-registry.js';
import { checkDecision, type ProductionDecision } from './production-decision.js';
import { productionVersion } from './production-version.js';
import { PRODUCTION_ALIAS, PROMOTION_TAGS } from './promotion-tags.js';
import { recordRegistryDecision } from './record-registry-decision.js';

/** What {@link rollbackProduction} did. */
export interface Rollback {
  /** The version back in production, as it is afterwards. */
  readonly version: ModelVersion;
  /** The version taken out of production (now Archived). */
  readonly rolledBack: string;
  readonly at: number;
}

/**
 * Puts back in production the version that was there before the current one (its
 * `amlops.previous_production` tag), recorded like a promotion: the restored version gets
 * `amlops.promoted_by`, `amlops.promotion_reason`, `amlops.promoted_at` and kind `rollback`, the
 * withdrawn one `amlops.rolled_back_by`, `amlops.rolled_back_at` and `amlops.rollback_reason`.
 * Rolling back again goes one further step back. INVALID_STATE when there is no production version,
 * no recorded predecessor, or the predecessor is no longer READY.
 *
 * @example
 * const { version, rolledBack } = await rollbackProduction(registry, { name: 'consumers-laundering-model',
 *   by: 'alice', reason: 'false positives doubled since version 4' });
 */
export async function rollbackProduction(
  registry: ModelRegistry,
  input: ProductionDecision & { readonly name: string },
  now: () => number = Date.now,
): Promise<Rollback> {
  const { by, reason } = checkDecision(input);
  const current = await productionVersion(registry, input.name);
  if (!current)
    throw new AmlopsError(
      'INVALID_STATE',
      `registered model '${input.name}' has no production version to roll back`,
    );
  const previousNumber = current.tags.find((t) => t.key === PROMOTION_TAGS.previous)?.value;
  if (!previousNumber)
    throw new AmlopsError(
      'INVALID_STATE',
      `model version ${current.name}/${current.version} has no recorded previous production version; promote the version to restore instead`,
    );
  let previous: ModelVersion;
  try {
    previous = await registry.getModelVersion(input.name, previousNumber);
  } catch (error) {
    if (error instanceof AmlopsError && error.code === 'NOT_FOUND')
      throw new AmlopsError(
        'INVALID_STATE',
        `the previous production version ${input.name}/${previousNumber} no longer exists; promote another version instead`,
      );
    throw error;
  }
  if (previous.status !== 'READY')
    throw new AmlopsError(
      'INVALID_STATE',
      `the previous production version ${input.name}/${previousNumber} is ${previous.status}; promote another version instead`,
    );
  const at = now();
  const when = new Date(at).toISOString();
  await recordRegistryDecision(
    registry,
    current,
    [
      { key: PROMOTION_TAGS.rolledBackBy, value: by },
      { key: PROMOTION_TAGS.rolledBackAt, value: when },
      { key: PROMOTION_TAGS.rollbackReason, value: reason },
    ],
    `${when} rolled back to version ${previous.version} by ${by}: ${reason}`,
  );
  await recordRegistryDecision(
    registry,
    previous,
    [
      { key: PROMOTION_TAGS.promotedBy, value: by },
      { key: PROMOTION_TAGS.reason, value: reason },
      { key: PROMOTION_TAGS.promotedAt, value: when },
      { key: PROMOTION_TAGS.kind, value: 'rollback' },
    ],
    `${when} back in production by ${by} (rollback from version ${current.version}): ${reason}`,
  );
  await registry.setAlias(input.name, PRODUCTION_ALIAS, previous.version);
  await registry.transitionModelVersionStage(input.name, previous.version, 'Production', true);
  return {
    version: await registry.getModelVersion(input.name, previous.version),
    rolledBack: current.version,
    at,
  };
}
