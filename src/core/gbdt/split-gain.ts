/** The regularisation terms of gain and weight (XGBoost's `TrainParam` subset). */
export interface GainParams {
  readonly reg_lambda: number;
  readonly reg_alpha: number;
  readonly min_child_weight: number;
}

/**
 * Soft thresholding of a gradient sum by `alpha` (L1 regularisation).
 *
 * @example
 * thresholdL1(-4, 1); // -3
 */
export function thresholdL1(g: number, alpha: number): number {
  if (g > alpha) return g - alpha;
  if (g < -alpha) return g + alpha;
  return 0;
}

/**
 * The loss reduction score of a node with gradient sum `g` and hessian sum `h`, as XGBoost's
 * `CalcGain`: `T(g)^2 / (h + lambda)`, 0 when `h < min_child_weight`.
 *
 * @example
 * calcGain(-4, 3, { reg_lambda: 1, reg_alpha: 0, min_child_weight: 1 }); // 4
 */
export function calcGain(g: number, h: number, p: GainParams): number {
  if (h < p.min_child_weight || h <= 0) return 0;
  const t = p.reg_alpha === 0 ? g : thresholdL1(g, p.reg_alpha);
  return (t * t) / (h + p.reg_lambda);
}

/**
 * The optimal weight of a node, as XGBoost's `CalcWeight`: `-T(g) / (h + lambda)`, 0 when
 * `h < min_child_weight`.
 *
 * @example
 * calcWeight(-4, 3, { reg_lambda: 1, reg_alpha: 0, min_child_weight: 1 }); // 1
 */
export function calcWeight(g: number, h: number, p: GainParams): number {
  if (h < p.min_child_weight || h <= 0) return 0;
  const t = thresholdL1(g, p.reg_alpha);
  return t === 0 ? 0 : -t / (h + p.reg_lambda);
}
