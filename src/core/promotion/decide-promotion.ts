/** How a new version is promoted: only past the gate, or always (as the original did). */
export type PromotionPolicy = 'gated' | 'always';

export interface PromotionInput {
  readonly policy: PromotionPolicy;
  /** `--promote` / `--no-promote`: a person's decision overrides the policy. */
  readonly override?: boolean;
  readonly testRocAuc: number;
  /** The alert threshold: below it a model is not fit for production. */
  readonly minTestRocAuc: number;
  /** The current production model scored on the same test split; null when there is none. */
  readonly productionTestRocAuc: number | null;
  readonly productionVersion?: string | null;
  /** How much worse than production the new version may be and still be promoted. */
  readonly tolerance: number;
}

export interface PromotionDecision {
  readonly promote: boolean;
  readonly reason: string;
}

const f = (x: number): string => x.toFixed(4);

/**
 * The promotion gate: `gated` promotes a new version only when its test ROC AUC reaches the alert
 * threshold and is not worse than the production model's on the same test split by more than the
 * tolerance; `always` promotes every trained model. The reason is always spelled out, because a
 * promotion is a recorded decision with its evidence.
 *
 * @example
 * decidePromotion({ policy: 'gated', testRocAuc: 0.91, minTestRocAuc: 0.89, productionTestRocAuc: null, tolerance: 0.005 });
 * // { promote: true, reason: 'test ROC AUC 0.9100 >= 0.8900 and there is no production model' }
 */
export function decidePromotion(input: PromotionInput): PromotionDecision {
  if (input.override !== undefined)
    return {
      promote: input.override,
      reason: input.override ? 'promoted on request (--promote)' : 'not promoted on request (--no-promote)',
    };
  const { testRocAuc, minTestRocAuc, productionTestRocAuc, tolerance } = input;
  const against =
    productionTestRocAuc === null
      ? 'there is no production model'
      : `production${input.productionVersion ? ` (version ${input.productionVersion})` : ''} scores ${f(productionTestRocAuc)} on the same test split`;
  if (input.policy === 'always')
    return {
      promote: true,
      reason: `policy 'always': the last trained model is promoted (test ROC AUC ${f(testRocAuc)})`,
    };
  if (!(testRocAuc >= minTestRocAuc))
    return {
      promote: false,
      reason: `test ROC AUC ${f(testRocAuc)} is below the alert threshold ${f(minTestRocAuc)}`,
    };
  if (productionTestRocAuc !== null && testRocAuc < productionTestRocAuc - tolerance)
    return {
      promote: false,
      reason: `test ROC AUC ${f(testRocAuc)} is worse than ${against} by more than the tolerance ${tolerance}`,
    };
  return { promote: true, reason: `test ROC AUC ${f(testRocAuc)} >= ${f(minTestRocAuc)} and ${against}` };
}
