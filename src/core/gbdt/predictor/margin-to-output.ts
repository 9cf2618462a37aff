import type { ObjectiveName } from '../booster.js';

/**
 * Turns a margin into the objective's output as XGBoost's `PredTransform` does, in float32:
 * the sigmoid `1.0f / (1.0f + expf(-x))` for binary:logistic, the identity for reg:squarederror.
 *
 * @example
 * marginToOutput('binary:logistic', 0); // 0.5
 */
export function marginToOutput(objective: ObjectiveName, margin: number): number {
  if (objective === 'binary:logistic') {
    return Math.fround(1 / Math.fround(1 + Math.fround(Math.exp(-margin))));
  }
  return margin;
}
