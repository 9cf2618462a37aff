import { TYPOLOGY } from './typology-parameters.js';

/** Risk level codes of the generator: 0 LOW, 1 MEDIUM, 2 HIGH. */
export type RiskLevel = 0 | 1 | 2;

const S = TYPOLOGY.score;
const THRESHOLD = TYPOLOGY.structuring.threshold;
const MULE_LOG_MIN_INCOME = Math.log(S.mule.minIncome);

/**
 * The documented laundering score of one case (docs/synthetic-data.md): an intercept, the risk
 * level, one term per typology (pass-through, structuring, outflow-heavy; amplified for HIGH risk)
 * and a small size term. Its logistic is the case's true probability of a positive conclusion.
 *
 * @example
 * launderingScore(9_800, 9_750, 2); // a HIGH-risk pass-through just under the threshold: about 0.9
 */
export function launderingScore(income: number, outcome: number, risk: RiskLevel): number {
  const logRatio = Math.log((1 + outcome) / (1 + income));
  const passThrough =
    Math.exp(-((logRatio / S.mule.width) ** 2)) *
    sigmoid((Math.log(1 + income) - MULE_LOG_MIN_INCOME) / S.mule.incomeScale);
  const structuring =
    income >= THRESHOLD
      ? 0
      : clamp01((income - S.structuring.rampStart) / (THRESHOLD - S.structuring.rampStart));
  const outflowHeavy = sigmoid((logRatio - S.outflowHeavy.ratioMidpoint) / S.outflowHeavy.ratioScale);
  const typologies =
    S.mule.weight * passThrough + S.structuring.weight * structuring + S.outflowHeavy.weight * outflowHeavy;
  return (
    S.intercept +
    S.risk[risk] +
    (risk === 2 ? S.highRiskTypologyBoost : 1) * typologies +
    S.size.weight * (Math.log(1 + income + outcome) - S.size.center)
  );
}

/** The logistic function. */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
