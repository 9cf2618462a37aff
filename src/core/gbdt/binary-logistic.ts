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
    // Four rows per turn: each row's exponential is a long chain of dependent operations, and
    // independent rows side by side let the processor overlap them. Same operations as `gradient`.
    let r = start;
    for (; r + 3 < end; r += 4) {
      const p0 = 1 / (1 + fastExp(-margins[r]!));
      const p1 = 1 / (1 + fastExp(-margins[r + 1]!));
      const p2 = 1 / (1 + fastExp(-margins[r + 2]!));
      const p3 = 1 / (1 + fastExp(-margins[r + 3]!));
      const y0 = labels[r]!;
      const y1 = labels[r + 1]!;
      const y2 = labels[r + 2]!;
      const y3 = labels[r + 3]!;
      const w0 = y0 === 1 ? scalePosWeight : 1;
      const w1 = y1 === 1 ? scalePosWeight : 1;
      const w2 = y2 === 1 ? scalePosWeight : 1;
      const w3 = y3 === 1 ? scalePosWeight : 1;
      gh[2 * r] = (p0 - y0) * w0;
      gh[2 * r + 1] = Math.max(p0 * (1 - p0), 1e-16) * w0;
      gh[2 * r + 2] = (p1 - y1) * w1;
      gh[2 * r + 3] = Math.max(p1 * (1 - p1), 1e-16) * w1;
      gh[2 * r + 4] = (p2 - y2) * w2;
      gh[2 * r + 5] = Math.max(p2 * (1 - p2), 1e-16) * w2;
      gh[2 * r + 6] = (p3 - y3) * w3;
      gh[2 * r + 7] = Math.max(p3 * (1 - p3), 1e-16) * w3;
    }
    for (; r < end; r++) this.gradient(margins[r]!, labels[r]!, scalePosWeight, gh, r);
  },
};
