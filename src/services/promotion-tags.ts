/**
 * The model-version tags that record production decisions: who moved the `production` alias, why,
 * when, from which version, and who rolled a version back. They are plain tags, so MLflow clients
 * see them too.
 */
export const PROMOTION_TAGS = {
  promotedBy: 'amlops.promoted_by',
  reason: 'amlops.promotion_reason',
  promotedAt: 'amlops.promoted_at',
  /** `promotion` or `rollback`. */
  kind: 'amlops.promotion_kind',
  /** The version that was in production before this one was promoted: where a rollback returns. */
  previous: 'amlops.previous_production',
  rolledBackBy: 'amlops.rolled_back_by',
  rolledBackAt: 'amlops.rolled_back_at',
  rollbackReason: 'amlops.rollback_reason',
  /** What the promotion gate said when the version was trained: `passed` or `failed`. */
  gate: 'amlops.gate',
  /** Why the gate passed or failed the version. */
  gateReason: 'amlops.gate_reason',
  /** On a version promoted although the gate failed it: the gate's reason, overridden. */
  override: 'amlops.promotion_override',
} as const;

/** The alias of a trained version the gate did not promote (shadow-scored when configured). */
export const CHALLENGER_ALIAS = 'challenger';

/** The alias that names the version in production (served by `amlops serve` by default). */
export const PRODUCTION_ALIAS = 'production';
