import { AmlopsError } from '../errors/index.js';
import { binaryLogistic } from './binary-logistic.js';
import type { ObjectiveName } from './booster.js';
import { squaredError } from './squared-error.js';

/**
 * A training objective (LightGBM's `ObjectiveFunction`, XGBoost's `ObjLearner`): the gradients of
 * the loss with respect to the margin, the margin of `base_score`, and the margin-to-output transform.
 */
export interface Objective {
  readonly name: ObjectiveName;
  /** The margin the first tree starts from. */
  baseMargin(baseScore: number): number;
  /** The output (a probability for binary:logistic) of a margin. */
  transform(margin: number): number;
  /** True when `label` is a valid label; {@link labelRule} says what is valid. */
  isValidLabel(label: number): boolean;
  readonly labelRule: string;
  /**
   * Writes the gradient and hessian of one row (margin `margin`, label `label`) into `gh[2r]` and
   * `gh[2r + 1]`; the training kernels call it in their first pass over each tree.
   */
  gradient(margin: number, label: number, scalePosWeight: number, gh: Float32Array, r: number): void;
  /**
   * Writes gradient and hessian of rows [start, end) interleaved into `gh` (`gh[2r]`, `gh[2r + 1]`).
   * `scalePosWeight` weighs rows labelled 1, as XGBoost's `scale_pos_weight`.
   */
  gradients(
    margins: Float32Array,
    labels: Float32Array,
    gh: Float32Array,
    start: number,
    end: number,
    scalePosWeight: number,
  ): void;
}

const OBJECTIVES: Readonly<Record<ObjectiveName, Objective>> = {
  'binary:logistic': binaryLogistic,
  'reg:squarederror': squaredError,
};

/**
 * The objective called `name` (XGBoost's name).
 *
 * @example
 * objectiveByName('binary:logistic').transform(0); // 0.5
 */
export function objectiveByName(name: string): Objective {
  const objective = OBJECTIVES[name as ObjectiveName];
  if (objective === undefined) {
    throw new AmlopsError(
      'MODEL_PARAM_INVALID',
      `objective must be one of ${Object.keys(OBJECTIVES).join(', ')}; got ${JSON.stringify(name)}`,
      {
        parameter: 'objective',
        value: name,
      },
    );
  }
  return objective;
}
