import { fastExp } from './fast-exp.js';
import type { Objective } from './objective.js';

/**
 * XGBoost's `binary:logistic`: log loss on a sigmoid of the margin; hessian floored at 1e-16 as
 * XGBoost does, so that pure nodes keep a finite weight.
 *
 * @example
 * binaryLogistic.baseMargin(0.5); // 0
 */
export const binaryLogistic: Objective = {
  name: 'binary:logistic',
  labelRule: '0 or 1',
  baseMargin: (baseScore) => -Math.log(1 / baseScore - 1),
  transform: (margin) => 1 / (1 + Math.exp(-margin)),
  isValidLabel: (label) => label === 0 || label === 1,
  gradient(margin, y, scalePosWeight, gh, r) {
    const p = 1 / (1 + fastExp(-margin));
    const w = y === 1 ? scalePosWeight : 1;
    const h = p * (1 - p);
    gh[2 * r] = (p - y) * w;
    gh[2 * r + 1] = Math.max(h, 1e-16) * w;
  },
  gradients(margins, labels, gh, start, end, scalePosWeight) {
    for (let r = start; r < end; r++) this.gradient(margins[r]!, labels[r]!, scalePosWeight, gh, r);
  },
};
